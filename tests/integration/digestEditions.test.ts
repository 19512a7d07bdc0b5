import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { User } from '@/src/payload-types'
import { seedDemoContent } from '@/src/seed/seedDemoContent'
import { assembleEdition, assembleForSchedule } from '@/src/services/digest/assemble'
import { LeaseHeldError, takeLease } from '@/src/services/digest/batches'
import { finalizeEdition } from '@/src/services/digest/finalize'
import { readerPlaceholders } from '@/src/services/digest/message'
import { reconcile } from '@/src/services/digest/reconcile'
import { sendEdition, startSending } from '@/src/services/digest/send'
import { JOB_IDS } from '@/src/services/platform/queues'
import { createEdition, createReaders, testQueues } from '../helpers/digest'
import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * Editions through the Local API and the real queues, no worker running: what goes in an
 * edition, one edition per period, the send's fan-out, the lease, finishing, reconciling.
 */

let local: TestPayload
let queues: ReturnType<typeof testQueues>
let authorId: number | string
let editor: User

async function article(title: string, publishedAt: string, includeInDigest = true) {
  return local.payload.create({
    collection: 'articles',
    data: {
      title,
      dek: `About ${title}`,
      authors: [authorId as number],
      publishedAt,
      includeInDigest,
      _status: 'published',
    },
    depth: 0,
  })
}

/** As the pipeline would leave it: sending (started at `startedAt`), then sent. */
async function markSent(id: number | string, startedAt = new Date().toISOString()) {
  await local.payload.update({
    collection: 'editions',
    id,
    data: { status: 'sending', stats: { startedAt } },
    overrideAccess: true,
  })
  await local.payload.update({ collection: 'editions', id, data: { status: 'sent' }, overrideAccess: true })
}

async function clearEditions() {
  await local.payload.delete({ collection: 'deliveries', where: { id: { exists: true } }, overrideAccess: true })
  await local.payload.delete({ collection: 'editions', where: { id: { exists: true } }, overrideAccess: true })
  await local.payload.delete({ collection: 'subscribers', where: { id: { exists: true } }, overrideAccess: true })
  await queues.redis.flushdb().catch(() => undefined)
}

const waitingJobIds = async () => {
  const { openQueue, QUEUES } = await import('@/src/services/platform/queues')
  const editions = openQueue(QUEUES.editions, queues.redis)
  const deliveries = openQueue(QUEUES.deliveries, queues.redis)
  const ids = [
    ...(await editions.getJobs(['waiting', 'delayed'])),
    ...(await deliveries.getJobs(['waiting', 'delayed'])),
  ].map((job) => job.id)
  await Promise.all([editions.close(), deliveries.close()])
  return ids
}

beforeAll(async () => {
  local = await startPayload()
  // A Redis database of its own (index 9 is unused elsewhere), so flushing it between tests is safe.
  queues = testQueues(`${(await import('vitest')).inject('redisUrl')}/9`)
  await seedDemoContent(local.payload)
  const { docs } = await local.payload.find({ collection: 'authors', limit: 1, depth: 0 })
  authorId = docs[0].id
  editor = await local.payload.create({
    collection: 'users',
    data: { name: 'Edie', email: 'edie@mindful.test', password: 'editor-password-1', role: 'editor' },
  })
}, 120_000)

afterAll(async () => {
  await queues?.close()
  await local?.close()
})

beforeEach(clearEditions)

describe('assembling an edition', () => {
  it('takes what was published since the last edition went out, offered to the digest, newest first', async () => {
    const first = await assembleEdition(local.payload, { periodKey: 'p1', jobs: queues.jobs, autoSend: false })
    expect(first.kind).toBe('assembled')
    if (first.kind !== 'assembled') return
    // Nothing was ever sent: everything published so far (the seed article).
    expect(first.edition.articles).toHaveLength(1)
    expect(first.edition.subject).toBe('Mindful Moments #1: How to Regain a Partner’s Lost Trust')
    expect(first.edition.status).toBe('draft')
    await markSent(first.edition.id)

    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()
    const older = await article('Slow Mornings Together', later(1))
    const hidden = await article('Not for the digest', later(2), false)
    const newer = await article('Listening Before Speaking', later(3))
    const second = await assembleEdition(local.payload, { periodKey: 'p2', jobs: queues.jobs, autoSend: false })
    if (second.kind !== 'assembled') throw new Error(second.kind)
    expect(second.edition.articles).toEqual([newer.id, older.id])
    expect(second.edition.articles).not.toContain(hidden.id)
    expect(second.edition.number).toBe(2)
    expect(second.edition.preheader).toBe('About Listening Before Speaking')
  })

  it('makes one edition per period even when the scheduler fires twice', async () => {
    const [a, b] = await Promise.all([
      assembleEdition(local.payload, { periodKey: 'twice', jobs: queues.jobs, autoSend: false }),
      assembleEdition(local.payload, { periodKey: 'twice', jobs: queues.jobs, autoSend: false }),
    ])
    const { totalDocs } = await local.payload.count({
      collection: 'editions',
      where: { periodKey: { equals: 'twice' } },
    })
    expect(totalDocs).toBe(1)
    expect([a.kind, b.kind].sort()).toEqual(['already-assembled', 'assembled'])
  })

  it('makes no edition when nothing is new, and says so', async () => {
    const first = await assembleEdition(local.payload, { periodKey: 'a', jobs: queues.jobs, autoSend: false })
    if (first.kind !== 'assembled') throw new Error(first.kind)
    await markSent(first.edition.id, new Date(Date.now() + 3_600_000).toISOString())
    expect((await assembleEdition(local.payload, { periodKey: 'b', jobs: queues.jobs, autoSend: false })).kind).toBe(
      'nothing-new',
    )
  })

  it('puts the editor’s picks first, in the editor’s order, in the draft the editor prepared', async () => {
    const picked = await article('An Editor’s Pick', new Date(Date.now() - 86_400_000).toISOString())
    const draft = await createEdition(
      local.payload,
      { subject: 'Prepared', intro: 'Hello', articles: [picked.id], status: 'draft' },
      { user: editor },
    )
    const outcome = await assembleEdition(local.payload, { periodKey: 'picks', jobs: queues.jobs, autoSend: false })
    if (outcome.kind !== 'assembled') throw new Error(outcome.kind)
    expect(outcome.edition.id).toBe(draft.id)
    expect(outcome.edition.articles?.[0]).toBe(picked.id)
    expect(outcome.edition.subject).toBe('Prepared')
  })

  it('starts sending at once with auto-send on', async () => {
    const outcome = await assembleEdition(local.payload, { periodKey: 'auto', jobs: queues.jobs, autoSend: true })
    if (outcome.kind !== 'assembled') throw new Error(outcome.kind)
    expect(outcome.edition.status).toBe('sending')
    expect(await waitingJobIds()).toContain(JOB_IDS.send(outcome.edition.id))
  })

  it('lets only edition weeks through (the scheduler fires weekly)', async () => {
    await local.payload.updateGlobal({ slug: 'settings', data: { timezone: 'America/Denver' } })
    await local.payload.update({
      collection: 'newsletters',
      where: { slug: { equals: 'mindful-moments' } },
      data: { cadence: 'biweekly', weekday: 'thursday', sendTime: '08:00' },
    })
    // 2026-11-19 and 2026-12-03 are edition Thursdays (counted from 2024-01-04); 2026-11-26 is not.
    expect((await assembleForSchedule(local.payload, queues.jobs, new Date('2026-11-26T15:00:00Z'))).kind).toBe(
      'off-week',
    )
    const due = await assembleForSchedule(local.payload, queues.jobs, new Date('2026-12-03T15:00:00Z'))
    expect(due.kind).toBe('assembled')
    if (due.kind === 'assembled') expect(due.edition.periodKey).toBe('mindful-moments/2026-12-03')
  })
})

describe('sending, step by step', () => {
  it('freezes one render, fans active readers out into batches with ids only, and records the count', async () => {
    await createReaders(local.payload, { active: 7, unsubscribed: 2 }, 'fan-')
    const outcome = await assembleEdition(local.payload, { periodKey: 'fan', jobs: queues.jobs, autoSend: false })
    if (outcome.kind !== 'assembled') throw new Error(outcome.kind)
    await startSending(local.payload, outcome.edition.id, queues.jobs)
    expect(await sendEdition(local.payload, outcome.edition.id, queues.jobs, 3)).toBe('fanned-out')
    // Again: nothing is added twice.
    expect(await sendEdition(local.payload, outcome.edition.id, queues.jobs, 3)).toBe('already-fanned-out')

    const edition = await local.payload.findByID({ collection: 'editions', id: outcome.edition.id, depth: 0 })
    // Every reader's link as this snapshot's own placeholder, not the old fixed one anyone could write in.
    expect(edition.snapshot?.html).toContain(readerPlaceholders(edition.snapshot?.placeholderKey).token)
    expect(edition.snapshot?.html).not.toContain(readerPlaceholders(null).token)
    expect(edition.snapshot?.renderMs).toBeGreaterThan(0)
    expect(edition.stats?.recipients).toBe(7)
    const { docs } = await local.payload.find({
      collection: 'deliveries',
      where: { edition: { equals: edition.id } },
      sort: 'batch',
      depth: 0,
    })
    expect(docs.map((batch) => batch.size)).toEqual([3, 3, 1])
    const ids = await waitingJobIds()
    expect(ids.filter((id) => id?.startsWith('deliver-'))).toHaveLength(3)

    // Finishing waits for every batch.
    expect(await finalizeEdition(local.payload, edition.id)).toBeUndefined()
    for (const batch of docs) {
      await local.payload.db.updateOne({
        collection: 'deliveries',
        id: batch.id,
        data: { status: 'done', sent: batch.size },
        returning: false,
      } as never)
    }
    expect(await finalizeEdition(local.payload, edition.id)).toMatchObject({
      recipients: 7,
      sent: 7,
      failed: 0,
      skipped: 0,
    })
    expect((await local.payload.findByID({ collection: 'editions', id: edition.id })).status).toBe('sent')
  })

  it('gives a batch to one taker at a time; another may take it once the lease ran out', async () => {
    await createReaders(local.payload, { active: 2 }, 'lease-')
    const outcome = await assembleEdition(local.payload, { periodKey: 'lease', jobs: queues.jobs, autoSend: true })
    if (outcome.kind !== 'assembled') throw new Error(outcome.kind)
    await sendEdition(local.payload, outcome.edition.id, queues.jobs, 100)
    const { docs } = await local.payload.find({
      collection: 'deliveries',
      where: { edition: { equals: outcome.edition.id } },
      depth: 0,
    })
    const takers = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((owner) => takeLease(local.payload, docs[0], owner)),
    )
    expect(takers.filter((t) => t.status === 'fulfilled')).toHaveLength(1)
    expect(
      takers
        .filter((t) => t.status === 'rejected')
        .every((t) => (t as PromiseRejectedResult).reason instanceof LeaseHeldError),
    ).toBe(true)
    const later = Date.now() + 31_000
    await expect(takeLease(local.payload, docs[0], 'e', later)).resolves.toMatchObject({ leaseOwner: 'e' })
  })

  it('reconciles: a lost queue gets back every unfinished batch and every due scheduled send', async () => {
    await createReaders(local.payload, { active: 3 }, 'lost-')
    const sending = await assembleEdition(local.payload, { periodKey: 'lost', jobs: queues.jobs, autoSend: true })
    if (sending.kind !== 'assembled') throw new Error(sending.kind)
    await sendEdition(local.payload, sending.edition.id, queues.jobs, 2)
    // Scheduled earlier for a minute ago: its delayed job went with Redis.
    const scheduled = await createEdition(local.payload, {
      subject: 'Due',
      articles: sending.edition.articles,
      status: 'scheduled',
      scheduledFor: new Date(Date.now() - 60_000).toISOString(),
    })
    await queues.redis.flushdb()
    const report = await reconcile(local.payload, queues.jobs)
    expect(report).toMatchObject({ scheduledDue: 1, batchesEnqueued: 2 })
    const ids = await waitingJobIds()
    expect(ids).toEqual(
      expect.arrayContaining([
        JOB_IDS.send(scheduled.id),
        JOB_IDS.deliver(sending.edition.id, 0),
        JOB_IDS.deliver(sending.edition.id, 1),
      ]),
    )
    // Again: the same jobs, not new ones.
    await reconcile(local.payload, queues.jobs)
    expect((await waitingJobIds()).length).toBe(ids.length)
  })
})

describe('the schedule in Redis', () => {
  it('follows Settings and the newsletter: a save re-derives the job scheduler (weekly, in the site’s zone) and the send rate', async () => {
    await local.payload.update({
      collection: 'newsletters',
      where: { slug: { equals: 'mindful-moments' } },
      data: { weekday: 'monday', sendTime: '07:30' },
    })
    await local.payload.updateGlobal({
      slug: 'settings',
      data: { timezone: 'Europe/Berlin', sendRatePerSecond: 400 },
    })
    // The hook writes through the web process's queues: the suite's Redis, this file's prefix.
    const { openQueue, QUEUES } = await import('@/src/services/platform/queues')
    const { Redis } = await import('ioredis')
    const redis = new Redis((await import('vitest')).inject('redisUrl'), { maxRetriesPerRequest: null })
    const editions = openQueue(QUEUES.editions, redis)
    const deliveries = openQueue(QUEUES.deliveries, redis)
    try {
      const scheduler = await editions.getJobScheduler('mindful-moments')
      expect(scheduler).toMatchObject({ pattern: '30 7 * * 1', tz: 'Europe/Berlin' })
      // 400 a second: batches of 400 (at most DIGEST_BATCH_SIZE, 1,000), one batch job a second.
      expect(await deliveries.getGlobalRateLimit()).toMatchObject({ max: 1, duration: 1000 })
    } finally {
      await Promise.all([editions.close(), deliveries.close()])
      await redis.quit()
    }
  })
})

describe('what editors may do with an edition', () => {
  it('refuses setting sending or sent by hand, and changes to what was sent', async () => {
    const edition = await createEdition(local.payload, { subject: 'Mine', status: 'draft' }, { user: editor })
    expect(edition.number).toBeGreaterThan(0)
    await expect(
      local.payload.update({
        collection: 'editions',
        id: edition.id,
        data: { status: 'sent' },
        user: editor,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/cannot be set to sent by hand/)
    await expect(
      local.payload.update({
        collection: 'editions',
        id: edition.id,
        data: { status: 'scheduled' },
        user: editor,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/needs a time/)
    const yesterday = new Date(Date.now() - 86_400_000).toISOString()
    await expect(
      local.payload.update({
        collection: 'editions',
        id: edition.id,
        data: { status: 'scheduled', scheduledFor: yesterday },
        user: editor,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/time in the future/)

    const { docs } = await local.payload.find({ collection: 'articles', limit: 1, depth: 0 })
    await local.payload.update({
      collection: 'editions',
      id: edition.id,
      data: { articles: [docs[0].id] },
      user: editor,
      overrideAccess: false,
    })
    await startSending(local.payload, edition.id, queues.jobs)
    const after = await local.payload.update({
      collection: 'editions',
      id: edition.id,
      data: { subject: 'Changed afterwards' },
      user: editor,
      overrideAccess: false,
    })
    expect(after.subject).toBe('Mine')
  })

  it('will not send an edition without articles', async () => {
    const edition = await createEdition(local.payload, { subject: 'Empty', status: 'draft' }, { user: editor })
    await expect(startSending(local.payload, edition.id, queues.jobs)).rejects.toThrow(/no published articles/)
  })
})
