import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, createActiveReader, loginAs, signInEditor, startApp, type RunningApp } from '../helpers/app'
import { peakRssMb } from '../helpers/processMemory'
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker'

/**
 * Importing a real mailing list in the background, through real HTTP, the real worker
 * process and Redis: exact reports, progress while it runs, a worker killed mid-import,
 * imports that add nobody twice, the export that reads back in, and memory that does not
 * grow with the file.
 */

let app: RunningApp
let worker: WorkerProcess
let admin: { authorization: string }
let editor: { authorization: string }

const HEADER = 'email,firstName,consentGivenAt,consentSource,consentWording,confirmedAt'
const good = (tag: string, i: number) =>
  `${tag}-${String(i).padStart(6, '0')}@list.test,Reader ${i},2025-03-01T10:00:00Z,old tool,Send me Mindful Moments,2025-03-01T10:05:00Z`

beforeAll(async () => {
  app = await startApp()
  worker = startWorkerProcess({ ...app.env, LOG_LEVEL: 'info' })
  await worker.ready()
  admin = await loginAs(app, ADMIN)
  editor = await signInEditor(app)
}, 240_000)

afterAll(async () => {
  await worker?.stop()
  await app?.stop()
})

type Status = {
  importId?: number | string
  status: string
  percent: number
  processed: number
  imported: number
  alreadySubscribed: number
  suppressed: number
  rejected: number
  rejectedUrl?: string
  error?: string
}

async function upload(csv: string, as = admin, query = ''): Promise<Response> {
  return fetch(`${app.url}/api/subscribers/import${query}`, {
    method: 'POST',
    headers: { ...as, 'content-type': 'text/csv', 'x-file-name': 'list.csv' },
    body: csv,
  })
}

const statusOf = async (url: string): Promise<Status> => (await fetch(`${app.url}${url}`, { headers: admin })).json()

/** Uploads a file and waits for the import to end, noting every status seen on the way. */
async function importAndWait(csv: string, timeout = 120_000, query = ''): Promise<{ final: Status; seen: Status[] }> {
  const response = await upload(csv, admin, query)
  expect(response.status, await response.clone().text()).toBe(202)
  const { statusUrl } = (await response.json()) as { importId: number; statusUrl: string }
  const seen: Status[] = []
  await expect
    .poll(
      async () => {
        const status = await statusOf(statusUrl)
        seen.push(status)
        return status.status
      },
      { timeout, interval: 150 },
    )
    .toMatch(/^(done|failed)$/)
  return { final: seen.at(-1)!, seen }
}

const countOf = async (domainTag: string) =>
  (
    (await (
      await fetch(`${app.url}/api/subscribers?where[email][like]=${domainTag}&limit=1&depth=0`, { headers: admin })
    ).json()) as { totalDocs: number }
  ).totalDocs

/** The 20,000-row import's id, as the database gave it (a number on SQLite, a string on MongoDB). */
let firstImportId: number | string | undefined

describe('a 20,000-row import', () => {
  it('reports exactly what it did, and its progress moves while it runs', { timeout: 180_000 }, async () => {
    for (let i = 0; i < 5; i++) await createActiveReader(app, admin, `known-${i}@list.test`)
    for (let i = 0; i < 3; i++) {
      await createActiveReader(app, admin, `erased-${i}@list.test`)
      const { docs } = await (
        await fetch(`${app.url}/api/subscribers?where[email][equals]=erased-${i}@list.test`, { headers: admin })
      ).json()
      expect(
        (await fetch(`${app.url}/api/subscribers/${docs[0].id}`, { method: 'DELETE', headers: admin })).status,
      ).toBe(200)
    }
    const lines = [HEADER]
    for (let i = 0; i < 19_902; i++) lines.push(good('big', i))
    for (let i = 0; i < 5; i++) lines.push(`known-${i}@List.TEST,,2025-03-01,old tool,,`)
    for (let i = 0; i < 3; i++) lines.push(`erased-${i}@list.test,,2025-03-01,old tool,,`)
    for (let i = 0; i < 10; i++) lines.push(good('big', i)) // the same reader twice in one file
    for (let i = 0; i < 50; i++) lines.push(`not-an-address-${i},,2025-03-01,old tool,,`)
    for (let i = 0; i < 30; i++) lines.push(`no.consent-${i}@list.test,Nia,,,,`)
    expect(lines.length - 1).toBe(20_000)

    const { final, seen } = await importAndWait(lines.join('\n'))
    firstImportId = final.importId
    expect(final).toMatchObject({
      status: 'done',
      percent: 100,
      processed: 20_000,
      imported: 19_902,
      alreadySubscribed: 15,
      suppressed: 3,
      rejected: 80,
    })
    // Seen part-way: the report grows while the worker runs, not only at the end, and the percentage with it.
    const partWay = seen.filter((s) => s.status === 'running' && s.processed > 0 && s.processed < 20_000)
    expect(partWay.length).toBeGreaterThan(0)
    expect(partWay.every((s) => s.percent > 0 && s.percent < 100)).toBe(true)
    // Bytes read track rows read: a chunk of 500 rows of about 100 bytes each is about 2.5 % of the file.
    for (const s of partWay) expect(Math.abs(s.percent - (s.processed / 20_000) * 100)).toBeLessThan(3)
    const percents = seen.map((s) => s.percent)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(await countOf('big-')).toBe(19_902)
    // No address in the status answer.
    expect(JSON.stringify(final)).not.toContain('@')

    const rejected = await fetch(`${app.url}${final.rejectedUrl}`, { headers: admin })
    expect(rejected.status).toBe(200)
    const rows = parse(await rejected.text(), { columns: true }) as Array<{
      line: string
      reason: string
      email: string
    }>
    expect(rows).toHaveLength(80)
    expect(rows[0]).toMatchObject({ line: '19922', reason: 'not a valid email address', email: 'not-an-address-0' })
    expect(rows.at(-1)).toMatchObject({
      line: '20001',
      reason: 'no consent evidence (consentGivenAt and consentSource)',
    })
  })

  it('adds nobody when the same file comes again', { timeout: 180_000 }, async () => {
    const lines = [HEADER, ...Array.from({ length: 2_000 }, (_, i) => good('big', i))]
    const { final } = await importAndWait(lines.join('\n'))
    expect(final).toMatchObject({ status: 'done', imported: 0, alreadySubscribed: 2_000 })
    expect(await countOf('big-')).toBe(19_902)
  })
})

describe('a worker killed mid-import', () => {
  it('resumes where the import stopped: every valid row imported once', { timeout: 240_000 }, async () => {
    const lines = [HEADER, ...Array.from({ length: 30_000 }, (_, i) => good('resume', i))]
    const response = await upload(lines.join('\n'))
    const { statusUrl } = (await response.json()) as { statusUrl: string }
    await expect
      .poll(async () => (await statusOf(statusUrl)).processed, { timeout: 60_000, interval: 100 })
      .toBeGreaterThan(2_000)
    await worker.stop('SIGKILL')
    const atKill = await statusOf(statusUrl)
    expect(atKill.status).toBe('running')
    expect(atKill.processed).toBeLessThan(30_000)

    worker = startWorkerProcess({ ...app.env, LOG_LEVEL: 'info' })
    await worker.ready()
    await expect.poll(async () => (await statusOf(statusUrl)).status, { timeout: 180_000, interval: 500 }).toBe('done')
    expect(await statusOf(statusUrl)).toMatchObject({
      processed: 30_000,
      imported: 30_000,
      alreadySubscribed: 0,
      rejected: 0,
    })
    expect(await countOf('resume-')).toBe(30_000)
  })
})

describe('two imports of one list at once', () => {
  it('add each reader once', { timeout: 240_000 }, async () => {
    const second = startWorkerProcess({ ...app.env, LOG_LEVEL: 'info' })
    await second.ready()
    try {
      const csv = [HEADER, ...Array.from({ length: 6_000 }, (_, i) => good('twice', i))].join('\n')
      const [one, two] = await Promise.all([upload(csv), upload(csv)])
      const urls = [
        ((await one.json()) as { statusUrl: string }).statusUrl,
        ((await two.json()) as { statusUrl: string }).statusUrl,
      ]
      for (const url of urls)
        await expect.poll(async () => (await statusOf(url)).status, { timeout: 180_000, interval: 300 }).toBe('done')
      const [a, b] = await Promise.all(urls.map(statusOf))
      expect(a.imported + b.imported).toBe(6_000)
      expect(a.alreadySubscribed + b.alreadySubscribed).toBe(6_000)
      expect(await countOf('twice-')).toBe(6_000)
    } finally {
      await second.stop()
    }
  })
})

describe('who may import and export', () => {
  it('refuses editors and anonymous visitors, and bad files, clearly', async () => {
    expect((await upload(`${HEADER}\n${good('nope', 1)}`, editor)).status).toBe(403)
    expect(
      (
        await fetch(`${app.url}/api/subscribers/import`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: HEADER,
        })
      ).status,
    ).toBe(401)
    expect((await fetch(`${app.url}/api/subscribers/export`, { headers: editor })).status).toBe(403)
    expect((await fetch(`${app.url}/api/subscribers/export`)).status).toBe(403)
    expect(firstImportId).toBeDefined()
    expect((await fetch(`${app.url}/api/subscribers/imports/${firstImportId}`, { headers: editor })).status).toBe(403)
    const noEmail = await upload('name,consentSource\nx,y')
    expect(noEmail.status).toBe(400)
    expect(((await noEmail.json()) as { message: string }).message).toContain('"email"')
    expect(
      (
        await fetch(`${app.url}/api/subscribers/import`, {
          method: 'POST',
          headers: { ...admin, 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(415)
    expect((await fetch(`${app.url}/api/subscribers/imports/999999`, { headers: admin })).status).toBe(404)
  })

  it(
    'a quote left open ends the import as failed, naming its line; the rows before it are imported, none lost in silence',
    { timeout: 60_000 },
    async () => {
      const { final } = await importAndWait(
        [
          HEADER,
          good('csv', 1),
          'csv-pending@list.test,,2025-06-01,paper form,,',
          'csv-2@list.test,"unterminated,2025-03-01,old tool,,',
          good('csv', 3),
        ].join('\n'),
      )
      expect(final.status).toBe('failed')
      expect(final.error).toMatch(
        /^Line 4: a quoted value that starts here is never closed, so nothing from there on could be read/,
      )
      expect(final.imported).toBe(2)
      expect(await countOf('csv-000003')).toBe(0)
      const find = async (email: string) =>
        (
          (await (
            await fetch(`${app.url}/api/subscribers?where[email][equals]=${email}`, { headers: admin })
          ).json()) as { docs: Array<Record<string, unknown>> }
        ).docs[0]
      expect(await find('csv-000001@list.test')).toMatchObject({
        status: 'active',
        firstName: 'Reader 1',
        confirmedAt: '2025-03-01T10:05:00.000Z',
        consent: {
          source: 'import: old tool',
          wording: 'Send me Mindful Moments',
          givenAt: '2025-03-01T10:00:00.000Z',
          wordingVersion: 'imported',
        },
      })
      expect(await find('csv-pending@list.test')).toMatchObject({
        status: 'pending',
        consent: { source: 'import: paper form' },
      })
    },
  )
})

describe('a file that cannot be read to its end', () => {
  it(
    'fails with the line and the reason instead of swallowing 20,000 rows into one, and is not retried',
    { timeout: 120_000 },
    async () => {
      const lines = [HEADER, good('open', 1), 'open-quote@list.test,"Never closed,2025-03-01,old tool,,']
      for (let i = 2; i < 20_000; i++) lines.push(good('open', i))
      const { final } = await importAndWait(lines.join('\n'))
      expect(final).toMatchObject({ status: 'failed', imported: 1 })
      expect(final.error).toMatch(
        /^Line 3: a row starting here runs on for more than 16,384 characters \(most likely a quote left open\)/,
      )
      // Failed is final: the worker does not pick it up again on its next round.
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      expect((await statusOf(`/api/subscribers/imports/${final.importId}`)).status).toBe('failed')
    },
  )
})

describe('the export', () => {
  it(
    'streams every subscriber in the columns the import reads, and reads back in adding nobody',
    { timeout: 180_000 },
    async () => {
      const response = await fetch(`${app.url}/api/subscribers/export`, { headers: admin })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toContain('text/csv')
      const text = await response.text()
      const rows = parse(text, { columns: true }) as Array<Record<string, string>>
      const { totalDocs } = (await (
        await fetch(`${app.url}/api/subscribers?limit=1&depth=0`, { headers: admin })
      ).json()) as {
        totalDocs: number
      }
      expect(rows).toHaveLength(totalDocs)
      expect(Object.keys(rows[0])).toEqual([
        'email',
        'firstName',
        'status',
        'consentGivenAt',
        'consentSource',
        'consentWording',
        'confirmedAt',
        'topics',
        'newsletters',
      ])
      expect(rows.find((row) => row.email === 'big-000007@list.test')).toMatchObject({
        firstName: 'Reader 7',
        status: 'active',
        consentSource: 'import: old tool',
        confirmedAt: '2025-03-01T10:05:00.000Z',
      })
      const { final } = await importAndWait(text)
      expect(final).toMatchObject({ status: 'done', imported: 0, alreadySubscribed: totalDocs, rejected: 0 })
    },
  )

  it('lets an admin delete an import record; the readers it brought stay', async () => {
    const before = await countOf('big-')
    expect(firstImportId).toBeDefined()
    const deleted = await fetch(`${app.url}/api/subscriber-imports/${firstImportId}`, {
      method: 'DELETE',
      headers: admin,
    })
    expect(deleted.status, await deleted.clone().text()).toBe(200)
    expect(await countOf('big-')).toBe(before)
    // Its rejected lines (which repeat addresses) went with it.
    const rejected = await fetch(`${app.url}/api/subscribers/imports/${firstImportId}/rejected`, { headers: admin })
    expect(rejected.status).toBe(404)
  })
})

describe('memory', () => {
  it('stays flat as the file grows: the file is streamed, not loaded', { timeout: 240_000 }, async () => {
    // Rows without consent evidence are all rejected: the worker reads, checks and writes the reasons, fast.
    const file = (rows: number) =>
      [
        HEADER,
        ...Array.from(
          { length: rows },
          (_, i) => `mem-${i}@list.test,A name that takes some room ${i},,,A long consent wording that repeats ${i},`,
        ),
      ].join('\n')
    await importAndWait(file(20_000))
    const afterSmall = peakRssMb(worker.child.pid!)
    const big = file(400_000)
    expect(Buffer.byteLength(big)).toBeGreaterThan(35 * 1024 * 1024)
    const { final } = await importAndWait(big, 200_000)
    expect(final).toMatchObject({ status: 'done', processed: 400_000, rejected: 400_000 })
    const afterBig = peakRssMb(worker.child.pid!)
    // A file twenty times larger (35 MB) moves the peak by no more than a few megabytes.
    expect(afterBig - afterSmall).toBeLessThan(30)
  })
})

describe('topics in a list', () => {
  it(
    'come in from a `topics` column, go out in the export, and an unknown one rejects its row',
    { timeout: 120_000 },
    async () => {
      const { docs } = (await (await fetch(`${app.url}/api/categories?sort=name`)).json()) as {
        docs: Array<{ slug: string }>
      }
      const [first, second] = docs.map((doc) => doc.slug)
      const row = (name: string, topics: string) =>
        `${name}@topics.test,,2025-03-01T10:00:00Z,old tool,Send me Mindful Moments,2025-03-01T10:05:00Z,${topics}`
      const { final } = await importAndWait(
        [
          `${HEADER},topics`,
          row('one', first),
          row('two', `"${first} ${second}"`),
          row('none', ''),
          row('unknown', `${first};no-such-topic`),
        ].join('\n'),
      )
      expect(final).toMatchObject({ status: 'done', imported: 3, rejected: 1 })
      const rejected = await (await fetch(`${app.url}${final.rejectedUrl}`, { headers: admin })).text()
      expect(rejected).toContain('no topic called “no-such-topic” on this site')

      const topicsOf = async (email: string) => {
        const response = await fetch(`${app.url}/api/subscribers?where[email][equals]=${email}&depth=1`, {
          headers: admin,
        })
        const found = (await response.json()) as { docs: Array<{ topics?: Array<{ slug: string }> }> }
        return (found.docs[0].topics ?? []).map((topic) => topic.slug).sort()
      }
      expect(await topicsOf('one@topics.test')).toEqual([first])
      expect(await topicsOf('two@topics.test')).toEqual([first, second].sort())
      expect(await topicsOf('none@topics.test')).toEqual([])

      const exported = parse(await (await fetch(`${app.url}/api/subscribers/export`, { headers: admin })).text(), {
        columns: true,
      }) as Array<Record<string, string>>
      expect(
        exported
          .find((line) => line.email === 'two@topics.test')
          ?.topics.split(' ')
          .sort(),
      ).toEqual([first, second].sort())
      expect(exported.find((line) => line.email === 'none@topics.test')?.topics).toBe('')
    },
  )
})

describe('newsletters in a list', () => {
  it(
    'come in from a `newsletters` column or the newsletter an import is made into, with a consent for each, and go out in the export',
    { timeout: 120_000 },
    async () => {
      const created = await fetch(`${app.url}/api/newsletters`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Love Letters', slug: 'love-letters', cadence: 'manual' }),
      })
      expect(created.status, await created.clone().text()).toBe(201)
      const row = (name: string, newsletters: string) =>
        `${name}@letters.test,,2025-03-01T10:00:00Z,old tool,Send me letters,2025-03-01T10:05:00Z,,${newsletters}`
      const { final } = await importAndWait(
        [
          `${HEADER},topics,newsletters`,
          row('letters', 'love-letters'),
          row('both', '"love-letters mindful-moments"'),
          row('default', ''),
          row('unknown', 'no-such-letter'),
        ].join('\n'),
      )
      expect(final).toMatchObject({ status: 'done', imported: 3, rejected: 1 })
      const rejected = await (await fetch(`${app.url}${final.rejectedUrl}`, { headers: admin })).text()
      expect(rejected).toContain('no newsletter called “no-such-letter” on this site')

      // Into a named newsletter: every row joins it, besides what its own column names.
      const into = await importAndWait(
        [`${HEADER},topics,newsletters`, row('into', ''), row('into-both', 'mindful-moments')].join('\n'),
        120_000,
        '?newsletter=love-letters',
      )
      expect(into.final).toMatchObject({ status: 'done', imported: 2 })
      expect((await upload(`${HEADER}\n`, admin, '?newsletter=no-such-letter')).status).toBe(400)

      type Reader = {
        newsletters?: Array<{ slug: string }>
        newsletterConsents?: Array<{ newsletter: { slug: string }; source: string; givenAt: string }>
      }
      const readerOf = async (email: string): Promise<Reader> => {
        const response = await fetch(`${app.url}/api/subscribers?where[email][equals]=${email}&depth=1`, {
          headers: admin,
        })
        return ((await response.json()) as { docs: Reader[] }).docs[0]
      }
      const slugsOf = async (email: string) =>
        ((await readerOf(email)).newsletters ?? []).map((newsletter) => newsletter.slug).sort()
      expect(await slugsOf('letters@letters.test')).toEqual(['love-letters'])
      expect(await slugsOf('both@letters.test')).toEqual(['love-letters', 'mindful-moments'])
      expect(await slugsOf('default@letters.test')).toEqual(['mindful-moments'])
      expect(await slugsOf('into@letters.test')).toEqual(['love-letters'])
      expect(await slugsOf('into-both@letters.test')).toEqual(['love-letters', 'mindful-moments'])
      const consents = (await readerOf('both@letters.test')).newsletterConsents ?? []
      expect(consents.map((consent) => consent.newsletter.slug).sort()).toEqual(['love-letters', 'mindful-moments'])
      for (const consent of consents)
        expect(consent).toMatchObject({ source: 'import: old tool', givenAt: '2025-03-01T10:00:00.000Z' })

      const exported = parse(await (await fetch(`${app.url}/api/subscribers/export`, { headers: admin })).text(), {
        columns: true,
      }) as Array<Record<string, string>>
      expect(
        exported
          .find((line) => line.email === 'both@letters.test')
          ?.newsletters.split(' ')
          .sort(),
      ).toEqual(['love-letters', 'mindful-moments'])
    },
  )
})
