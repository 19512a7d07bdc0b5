import { readFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { INSIGHT_COUNTERS } from '@/src/insightCounters.mjs'
import { ADMIN, apiAs, createActiveReader, loginAs, signInEditor, startApp, type RunningApp } from '../helpers/app'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { waitFor } from '../helpers/waitFor'

/**
 * Insight without watching anyone, from the outside: readers follow the links of a sent
 * edition and read articles; the counts come back right (and blurred when small) through the
 * staff API while a worker rolls them up every second; scanners are counted apart; and
 * nothing anywhere ties a reader, an address, an IP or a browser to what they did.
 */

const READERS = ['ines@readers.test', 'tomas@readers.test', 'wen@readers.test']
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
/** The clients the readers click from: none of these may be kept anywhere. */
const CLIENT_IPS = [
  '198.51.100.71',
  '198.51.100.72',
  '198.51.100.73',
  '198.51.100.74',
  '198.51.100.75',
  '198.51.100.81',
  '198.51.100.82',
  '198.51.100.83',
]
let nextClient = 0
// Readers click from the first five; the last three are used by name in the burst test.
const client = () => CLIENT_IPS[nextClient++ % 5]

let app: RunningApp
let sink: SmtpSink
let admin: { authorization: string }
let editor: { authorization: string }
let editionId: number
let stories: Array<{ id: number; slug: string }>
let links: string[]

/** Follows a link as a reader's browser would, without following the redirect. */
const follow = (url: string, init: { method?: string; userAgent?: string; ip?: string } = {}) =>
  fetch(url, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: {
      'x-forwarded-for': init.ip ?? client(),
      'user-agent': init.userAgent ?? BROWSER,
    },
  })

const insightsOf = async (path: string, who: { authorization: string } | 'anonymous' = editor) => {
  const response = await apiAs(app, who === 'anonymous' ? undefined : who, `insights/${path}`)
  return { status: response.status, body: await response.json() }
}

beforeAll(async () => {
  sink = await startSmtpSink()
  app = await startApp(
    { SMTP_URL: sink.url, INSIGHTS_MIN_COUNT: '3', INSIGHTS_ROLLUP_INTERVAL_MS: '1000' },
    { worker: true },
  )
  admin = await loginAs(app, ADMIN)
  editor = await signInEditor(app)
  for (const email of READERS) await createActiveReader(app, admin, email)
  const { docs: authors } = await (await apiAs(app, admin, 'authors?limit=1&depth=0')).json()
  stories = []
  for (const title of ['Slow Mornings Together', 'The Art of the Second Date']) {
    const created = await apiAs(app, admin, 'articles', {
      method: 'POST',
      body: JSON.stringify({ title, dek: 'A story for the insights.', authors: [authors[0].id], _status: 'published' }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const { doc } = await created.json()
    stories.push({ id: doc.id, slug: doc.slug })
  }
}, 180_000)

afterAll(async () => {
  await app?.stop()
  await sink?.close()
})

describe('the links of an edition', () => {
  it('are the same in every reader’s message, one per story, and name no reader', { timeout: 90_000 }, async () => {
    const created = await apiAs(app, editor, 'editions', {
      method: 'POST',
      body: JSON.stringify({ subject: 'Two stories to count', articles: stories.map((story) => story.id) }),
    })
    editionId = (await created.json()).doc.id
    expect((await apiAs(app, editor, `editions/${editionId}/send`, { method: 'POST' })).status).toBe(202)
    await waitFor(
      async () => (await (await apiAs(app, editor, `editions/${editionId}?depth=0`)).json()).status === 'sent',
      'the edition to be sent',
      60_000,
      250,
    )
    const digest = await sink.messageTo(READERS[0], /Two stories to count/)
    links = [...new Set(String(digest.parsed.html).match(/https?:\/\/[^"]+\/r\/\d+\/\d+\/[\w-]{16}/g))]
    expect(links).toEqual(stories.map((story) => expect.stringMatching(new RegExp(`/r/${editionId}/${story.id}/`))))
    for (const reader of READERS.slice(1)) {
      const html = String((await sink.messageTo(reader, /Two stories to count/)).parsed.html)
      for (const link of links) expect(html).toContain(link)
    }
  })

  it('send a person on to the story and count the click, blurred while small', { timeout: 60_000 }, async () => {
    const first = await follow(links[0])
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe(`/articles/${stories[0].slug}`)
    expect(first.headers.get('cache-control')).toBe('no-store')
    await expect.poll(async () => (await insightsOf(`editions/${editionId}`)).body.links[0].clicks).toBe('<3')
    await follow(links[0])
    await follow(links[0])
    await expect
      .poll(async () => (await insightsOf(`editions/${editionId}`)).body, { timeout: 10_000 })
      .toMatchObject({
        delivered: 3,
        bounced: '<3',
        links: [
          { article: stories[0].id, clicks: 3, probablyScanners: '<3', url: expect.stringContaining(stories[0].slug) },
          { article: stories[1].id, clicks: '<3', probablyScanners: '<3' },
        ],
      })
  })

  it('count what looks like a scanner apart: HEAD, a scanner’s agent, no agent, a burst on every link', async () => {
    // Clicks of the previous test fall out of the burst window first.
    await new Promise((resolve) => setTimeout(resolve, 10_500))
    expect((await follow(links[1], { method: 'HEAD' })).status).toBe(302)
    expect((await follow(links[1], { userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)' })).status).toBe(302)
    expect((await follow(links[1], { userAgent: '' })).status).toBe(302)
    expect((await follow(links[1], { userAgent: 'node' })).status).toBe(302)
    // Readers clicking different stories at the same moment are no burst…
    await follow(links[0], { ip: '198.51.100.81' })
    await follow(links[1], { ip: '198.51.100.82' })
    // …one client opening every link of the edition within seconds, as a security scanner does, is.
    await follow(links[0], { ip: '198.51.100.83' })
    await follow(links[1], { ip: '198.51.100.83' })
    await expect
      .poll(async () => (await insightsOf(`editions/${editionId}`)).body.links, { timeout: 10_000 })
      .toMatchObject([
        { clicks: 4, probablyScanners: '<3' },
        { clicks: '<3', probablyScanners: 5 },
      ])
  })

  it('refuse links we never sent, and say so, before the database is asked', async () => {
    const forged = links[0].replace(/\/[\w-]{16}$/, '/AAAAAAAAAAAAAAAA')
    const answer = await follow(forged)
    expect(answer.status).toBe(404)
    expect(await answer.text()).toContain('This link is not one of ours')
    const otherStory = links[0].replace(`/r/${editionId}/${stories[0].id}/`, `/r/${editionId}/${stories[1].id}/`)
    expect((await follow(otherStory)).status).toBe(404)
  })

  it('say so when the story is no longer online', async () => {
    await apiAs(app, admin, `articles/${stories[1].id}`, {
      method: 'PATCH',
      body: JSON.stringify({ _status: 'draft' }),
    })
    const answer = await follow(links[1])
    expect(answer.status).toBe(404)
    expect(await answer.text()).toContain('This story is no longer online')
    await apiAs(app, admin, `articles/${stories[1].id}`, {
      method: 'PATCH',
      body: JSON.stringify({ _status: 'published' }),
    })
  })
})

describe('story feedback', () => {
  it('asks on GET (which counts nothing, as scanners follow links) and counts the button, per story', async () => {
    const digest = await sink.messageTo(READERS[1], /Two stories to count/)
    const feedback = [
      ...new Set(String(digest.parsed.html).match(/https?:\/\/[^"]+\/f\/\d+\/\d+\/(?:more|less)\/[\w-]{16}/g)),
    ]
    expect(feedback).toHaveLength(2 * stories.length)
    const more = feedback.find((link) => link.includes(`/f/${editionId}/${stories[0].id}/more/`))!
    const question = await follow(more)
    expect(question.status).toBe(200)
    const page = await question.text()
    expect(page).toContain('More stories like this?')
    expect(page).toContain('nobody will know it was you')
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(more, {
        method: 'POST',
        headers: { 'x-forwarded-for': client() },
      })
      expect(answer.status).toBe(200)
      expect(await answer.text()).toContain('Thank you')
    }
    await expect
      .poll(async () => (await insightsOf(`editions/${editionId}`)).body.feedback, { timeout: 10_000 })
      .toEqual([
        { article: stories[0].id, title: expect.any(String), more: 3, less: '<3' },
        { article: stories[1].id, title: expect.any(String), more: '<3', less: '<3' },
      ])
    const forged = more.replace('/more/', '/less/')
    expect((await fetch(forged, { method: 'POST', headers: { 'x-forwarded-for': client() } })).status).toBe(404)
  })
})

describe('article views', () => {
  it(
    'are counted where pages are served, cached or not: not HEAD, not a page not found',
    { timeout: 60_000 },
    async () => {
      const page = `${app.url}/articles/${stories[1].slug}`
      const view = (init: RequestInit = {}) =>
        fetch(page, { ...init, headers: { 'user-agent': BROWSER, 'x-forwarded-for': client(), ...init.headers } })
      expect((await view()).status).toBe(200)
      expect((await view()).status).toBe(200)
      expect((await view({ method: 'HEAD' })).status).toBe(200)
      expect((await fetch(`${app.url}/articles/no-such-story`)).status).toBe(404)
      const views = async () =>
        (await insightsOf('articles?days=7')).body.articles.find((a: { slug: string }) => a.slug === stories[1].slug)
      await expect
        .poll(views, { timeout: 10_000 })
        .toEqual({ slug: stories[1].slug, title: expect.any(String), views: '<3' })
      expect((await view()).status).toBe(200)
      await expect.poll(views, { timeout: 10_000 }).toMatchObject({ views: 3 })
      const { body } = await insightsOf('articles?days=7')
      expect(body.articles.map((a: { slug: string }) => a.slug)).not.toContain('no-such-story')
    },
  )
})

describe('newsletter counts', () => {
  it('count sign-ups, confirmations and unsubscribes of the day, whoever they were', { timeout: 60_000 }, async () => {
    const addresses = ['lea@readers.test', 'mo@readers.test', 'ada@readers.test']
    for (const email of addresses) {
      const response = await fetch(`${app.url}/api/newsletter/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client() },
        body: JSON.stringify({ email }),
      })
      expect(response.status).toBe(202)
      const confirmation = await sink.messageTo(email, /confirm your subscription/)
      const link = /https?:\/\/\S+\/newsletter\/confirm\?token=[\w.-]+/.exec(confirmation.parsed.text ?? '')![0]
      expect((await fetch(link, { method: 'POST', headers: { 'x-forwarded-for': client() } })).status).toBe(200)
    }
    const today = new Date().toISOString().slice(0, 10)
    await expect
      .poll(async () => (await insightsOf('newsletters?days=7')).body.newsletters[0].days.at(-1), { timeout: 10_000 })
      .toMatchObject({ day: today, signUps: 3, confirmations: 3, unsubscribes: '<3' })
    // Leaving: the unsubscribe page's button, and the mail app's one-click POST (RFC 8058).
    const unsubscribeLinks = await Promise.all(
      addresses.map(async (email) => {
        const welcome = await sink.messageTo(email, /Welcome/)
        return /https?:\/\/\S+\/newsletter\/unsubscribe\?token=[\w.-]+/.exec(welcome.parsed.text ?? '')![0]
      }),
    )
    for (const link of unsubscribeLinks.slice(0, 2))
      expect((await fetch(link, { method: 'POST', headers: { 'x-forwarded-for': client() } })).status).toBe(200)
    const oneClick = await fetch(unsubscribeLinks[2], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client() },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.status).toBe(200)
    await expect
      .poll(async () => (await insightsOf('newsletters?days=7')).body.newsletters[0].days.at(-1), { timeout: 10_000 })
      .toMatchObject({ day: today, signUps: 3, confirmations: 3, unsubscribes: 3 })
    // The list's size of the day, taken by the worker's roll-up: the three readers of the edition remain.
    await expect
      .poll(async () => (await insightsOf('newsletters?days=7')).body.newsletters[0].days.at(-1).listSize, {
        timeout: 10_000,
      })
      .toBe(3)
    // The optional reason, one click on the page after leaving: counted per reason, nobody's.
    const reason = (link: string, value: string) =>
      fetch(link.replace('/newsletter/unsubscribe?', '/newsletter/unsubscribe/reason?'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client() },
        body: `reason=${value}`,
      })
    for (const link of unsubscribeLinks) expect((await reason(link, 'never-signed-up')).status).toBe(200)
    expect((await reason(unsubscribeLinks[0], 'because-i-said-so')).status).toBe(400)
    // A reader who has not left cannot give a reason for leaving (nor count one for others).
    const stillReading = /https?:\/\/\S+\/newsletter\/unsubscribe\?token=[\w.-]+/.exec(
      (await sink.messageTo(READERS[0], /Two stories to count/)).parsed.text ?? '',
    )![0]
    const refused = await reason(stillReading, 'too-many')
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('Nothing to count')
    await expect
      .poll(async () => (await insightsOf('newsletters?days=7')).body.newsletters[0].unsubscribeReasons, {
        timeout: 10_000,
      })
      .toEqual({ 'too-many': '<3', 'not-relevant': '<3', 'never-signed-up': 3, other: '<3' })
  })
})

describe('the insights answers', () => {
  it('are for staff only, and say what is wrong with a question', async () => {
    expect((await insightsOf(`editions/${editionId}`, 'anonymous')).status).toBe(401)
    expect((await insightsOf('articles?days=7', 'anonymous')).status).toBe(401)
    expect((await insightsOf('newsletters', 'anonymous')).status).toBe(401)
    expect((await insightsOf('articles?days=0')).body.message).toMatch(/days must be a whole number from 1 to 400/)
    expect((await insightsOf('articles?days=abc')).status).toBe(400)
    expect((await insightsOf('editions/999999')).status).toBe(404)
  })
})

describe('what we count', () => {
  it('is a public page listing exactly the registered counters, linked from every page and email', async () => {
    const page = await fetch(`${app.url}/privacy/what-we-count`)
    expect(page.status).toBe(200)
    const html = await page.text()
    const listed = [...html.matchAll(/<code>([\w.-]+)<\/code>/g)].map((match) => match[1])
    expect(listed.sort()).toEqual(Object.keys(INSIGHT_COUNTERS).sort())
    expect(html).toContain('fewer than 3')
    expect(await (await fetch(`${app.url}/`)).text()).toContain('href="/privacy/what-we-count"')
    const digest = await sink.messageTo(READERS[0], /Two stories to count/)
    expect(digest.parsed.html).toContain(`/privacy/what-we-count`)
  })
})

describe('nobody', () => {
  it(
    'is tied to what they did: no address, IP or browser in Redis, the database or the logs',
    { timeout: 30_000 },
    async () => {
      // The worker rolled the counts up into the database: no live hash, no batch half done, no lock held.
      const redis = new Redis(inject('redisUrl'))
      const insightKeys = async () =>
        (await redis.keys(`${app.redisPrefix}:insights:*`)).filter((key) => !key.includes(':insights:burst:'))
      try {
        await expect.poll(insightKeys, { timeout: 10_000 }).toEqual([])
        const keys = await redis.keys(`${app.redisPrefix}:*`)
        const everything: string[] = [...keys]
        for (const key of keys) {
          const type = await redis.type(key)
          if (type === 'string') everything.push((await redis.get(key)) ?? '')
          if (type === 'hash') everything.push(JSON.stringify(await redis.hgetall(key)))
          if (type === 'list') everything.push(...(await redis.lrange(key, 0, -1)))
          if (type === 'zset') everything.push(...(await redis.zrange(key, '0', '-1')))
          if (type === 'set') everything.push(...(await redis.smembers(key)))
        }
        const inRedis = everything.join('\n')
        const database = readFileSync(app.databaseUrl.replace(/^file:/, '')).toString('latin1')
        const logs = app.output()
        for (const trace of [...CLIENT_IPS, BROWSER, 'Barracuda']) {
          expect(inRedis).not.toContain(trace)
          expect(database).not.toContain(trace)
          expect(logs).not.toContain(trace)
        }
        for (const address of READERS) {
          expect(inRedis).not.toContain(address)
          expect(logs).not.toContain(address)
        }
      } finally {
        redis.disconnect()
      }
    },
  )
})
