import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createEdition } from '../helpers/digest'
import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * The counters behind the insights: counted in Redis, rolled up into the database, read as
 * one total at any moment, and never counted twice when a roll-up stops half-way.
 */

let local: TestPayload
let services: {
  counters: typeof import('@/src/services/insights/counters')
  rollUp: typeof import('@/src/services/insights/rollUp')
  totals: typeof import('@/src/services/insights/totals')
  redis: typeof import('@/src/services/platform/redis')
}

beforeAll(async () => {
  local = await startPayload()
  services = {
    counters: await import('@/src/services/insights/counters'),
    rollUp: await import('@/src/services/insights/rollUp'),
    totals: await import('@/src/services/insights/totals'),
    redis: await import('@/src/services/platform/redis'),
  }
  await services.redis.whenReady(services.redis.redisClient(), 5_000)
}, 120_000)

afterAll(async () => {
  await local?.close()
})

const redis = () => services.redis.redisClient()
const totalsOf = async (subjectPrefix?: string) => {
  const totals = await services.totals.readTotals(local.payload, redis(), {
    counters: ['article.views', 'link.clicks'],
    fromDay: services.counters.firstDayOf(7),
    subjectPrefix,
  })
  return Object.fromEntries([...totals].map(([counter, bySubject]) => [counter, Object.fromEntries(bySubject)]))
}
const countTimes = async (times: number, counter: 'article.views' | 'link.clicks', subject: string) => {
  for (let i = 0; i < times; i++) await services.counters.count(counter, subject)
}
/** The counted rows (the daily list-size snapshot aside). */
const rows = async () =>
  (
    await local.payload.find({ collection: 'insight-counts', pagination: false, overrideAccess: true, sort: 'key' })
  ).docs
    .filter((row) => row.counter !== 'newsletter.list-size')
    .map((row) => [row.counter, row.subject, row.count])

describe('insight counters', () => {
  it('are right at every moment: counted, half rolled up (a crash), rolled up again, and counted on', async () => {
    await countTimes(3, 'article.views', 'how-to-regain-trust')
    await countTimes(2, 'article.views', 'first-dates')
    await countTimes(4, 'link.clicks', '12:0')
    await countTimes(1, 'link.clicks', '13:0')
    const expected = {
      'article.views': { 'how-to-regain-trust': 3, 'first-dates': 2 },
      'link.clicks': { '12:0': 4, '13:0': 1 },
    }
    expect(await totalsOf()).toEqual(expected)

    // The worker dies after two of the four rows: what it wrote is in the database, the rest still in Redis.
    await expect(
      services.rollUp.rollUpCounts(local.payload, redis(), { retentionDays: 30, stopAfterRows: 2 }),
    ).rejects.toBeInstanceOf(services.rollUp.RollUpStopped)
    expect((await rows()).length).toBe(2)
    expect(await totalsOf()).toEqual(expected)

    // Counting goes on meanwhile, into a new live hash.
    await countTimes(2, 'article.views', 'first-dates')
    expected['article.views']['first-dates'] = 4
    expect(await totalsOf()).toEqual(expected)

    // The next roll-up finishes the stopped batch without adding its first rows again, then takes the new counts.
    expect(await services.rollUp.rollUpCounts(local.payload, redis(), { retentionDays: 30 })).toEqual({
      batches: 2,
      rows: 2 + 1,
      pruned: 0,
    })
    expect(await rows()).toEqual([
      ['article.views', 'first-dates', 4],
      ['article.views', 'how-to-regain-trust', 3],
      ['link.clicks', '12:0', 4],
      ['link.clicks', '13:0', 1],
    ])
    expect(await totalsOf()).toEqual(expected)
    // Each roll-up also notes the day's list size (set, not added: taken twice, it is still the size).
    const listSize = await local.payload.find({
      collection: 'insight-counts',
      where: { counter: { equals: 'newsletter.list-size' } },
      overrideAccess: true,
    })
    expect(listSize.docs.map((row) => [row.subject, row.count])).toEqual([['mindful-moments', 0]])
    const keys = services.rollUp.rollUpKeys()
    expect(await redis().exists(keys.live, keys.batches)).toBe(0)
    expect(await services.rollUp.rollUpCounts(local.payload, redis(), { retentionDays: 30 })).toEqual({
      batches: 0,
      rows: 0,
      pruned: 0,
    })

    // Read for one subject's links only.
    expect(await totalsOf('12:')).toEqual({ 'link.clicks': { '12:0': 4 } })
  })

  it('keep one roll-up at a time', async () => {
    const keys = services.rollUp.rollUpKeys()
    await redis().set(keys.lock, 'another worker', 'PX', 10_000)
    await expect(services.rollUp.rollUpCounts(local.payload, redis(), { retentionDays: 30 })).resolves.toEqual({
      skipped: 'another roll-up is running',
    })
    await redis().del(keys.lock)
  })

  it('forget days older than the retention period', async () => {
    await local.payload.create({
      collection: 'insight-counts',
      data: {
        key: '2020-01-01|article.views|old-story',
        day: '2020-01-01',
        counter: 'article.views',
        subject: 'old-story',
        count: 9,
      },
      overrideAccess: true,
    })
    const report = await services.rollUp.rollUpCounts(local.payload, redis(), { retentionDays: 30 })
    expect(report).toMatchObject({ pruned: 1 })
    expect((await rows()).map(([, subject]) => subject)).not.toContain('old-story')
  })

  it('refuse what is not registered, and subjects that could carry anything else', async () => {
    const count = services.counters.count as (counter: string, subject: string) => Promise<void>
    await expect(count('reader.opens', 'x')).rejects.toThrow('"reader.opens" is not a registered counter')
    await expect(count('article.views', 'reader@example.org')).rejects.toThrow('cannot be the subject of a count')
    await expect(count('article.views', 'a|b')).rejects.toThrow('cannot be the subject of a count')
  })

  it('answer on a site where nothing was counted yet, and for an edition without stories', async () => {
    const reports = await import('@/src/services/insights/reports')
    await redis().del(services.rollUp.rollUpKeys().live)
    await local.payload.delete({ collection: 'insight-counts', where: { id: { exists: true } }, overrideAccess: true })
    expect(await reports.articleInsights(local.payload, redis(), 30)).toEqual({ days: 30, articles: [] })
    const edition = await createEdition(local.payload, { subject: 'Nothing in it yet' })
    expect(await reports.editionInsights(local.payload, redis(), edition.id)).toMatchObject({
      delivered: '<5',
      links: [],
      feedback: [],
    })
    const { newsletters } = await reports.newsletterInsights(local.payload, redis(), 7)
    expect(newsletters).toHaveLength(1)
    expect(newsletters[0].days).toHaveLength(7)
    expect(newsletters[0].days.every((day) => day.signUps === '<5')).toBe(true)
  })

  it('show counts under the threshold only as "fewer than"', () => {
    expect(services.totals.shownCount(4, 5)).toBe('<5')
    expect(services.totals.shownCount(0, 5)).toBe('<5')
    expect(services.totals.shownCount(5, 5)).toBe(5)
  })
})
