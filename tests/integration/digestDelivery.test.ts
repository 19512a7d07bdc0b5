import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSending } from '../../src/services/digest/send'
import { createReaders, prepareEdition, testQueues, waitForStatus, workerEnv, type Readers } from '../helpers/digest'
import { startPayload, type TestPayload } from '../helpers/payload'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker'

/**
 * One edition to 50 readers in every state, through the real worker process, Redis and an
 * SMTP server on loopback: each active reader gets exactly one digest, nobody else any.
 */

let local: TestPayload
let sink: SmtpSink
let worker: WorkerProcess
let queues: ReturnType<typeof testQueues>
let readers: Readers

beforeAll(async () => {
  local = await startPayload()
  sink = await startSmtpSink()
  queues = testQueues()
  readers = await createReaders(local.payload, { active: 30, pending: 5, unsubscribed: 5, bounced: 5, complained: 5 })
  worker = startWorkerProcess(workerEnv(local, sink))
  await worker.ready()
}, 180_000)

afterAll(async () => {
  await worker?.stop()
  await queues?.close()
  await sink?.close()
  await local?.close()
})

describe('sending an edition', () => {
  it('gives each active reader exactly one digest and nobody else any', { timeout: 120_000 }, async () => {
    const edition = await prepareEdition(local.payload)
    await startSending(local.payload, edition.id, queues.jobs)
    const sent = await waitForStatus(local.payload, edition.id, 'sent')

    const counts = sink.countsByRecipient()
    expect([...counts.keys()].sort()).toEqual([...readers.active].sort())
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
    expect(sent.stats).toMatchObject({ recipients: 30, sent: 30, failed: 0, skipped: 0 })
    expect(sent.snapshot?.html).toContain('Mindful Moments #1')
  })

  it('addresses every message to its reader alone, with one-click unsubscribe and list headers', () => {
    const messageIds = new Set<string>()
    for (const message of sink.messages) {
      const [reader] = message.envelopeTo
      expect(message.envelopeTo).toHaveLength(1)
      const headers = message.parsed.headers
      // The header block, folded lines joined.
      const head = message.raw.slice(0, message.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ')
      expect(message.parsed.to).toMatchObject({ value: [{ address: reader }] })
      expect(headers.get('cc')).toBeUndefined()
      expect(headers.get('bcc')).toBeUndefined()
      expect(head).toMatch(/^List-Unsubscribe: <https:\/\/mindful\.test\/newsletter\/unsubscribe\?token=[\w.-]+>, <mailto:moments@mindful\.test\?subject=unsubscribe%20[\w.-]+>/m)
      expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m)
      expect(head).toMatch(/^Precedence: bulk\r?$/m)
      expect(head).toMatch(/^List-ID: Mindful Moments <mindful-moments\.mindful\.test>\r?$/m)
      expect(message.parsed.messageId).toMatch(/^<mm1\.[\w-]{22}@mindful\.test>$/)
      messageIds.add(message.parsed.messageId!)
      // The reader's own link, the same in the header, the HTML and the text part.
      const token = /unsubscribe\?token=([\w.-]+)>/.exec(head)![1]
      expect(message.parsed.html).toContain(`https://mindful.test/newsletter/unsubscribe?token=${token}"`)
      expect(message.parsed.text).toContain(`https://mindful.test/newsletter/unsubscribe?token=${token}`)
      expect(message.parsed.subject).toBe('Mindful Moments #1: How to Regain a Partner’s Lost Trust')
    }
    expect(messageIds.size).toBe(sink.messages.length)
  })

  it('puts no other reader’s address in any message', () => {
    const everyone = Object.values(readers).flat()
    for (const message of sink.messages) {
      const [reader] = message.envelopeTo
      for (const other of everyone) if (other !== reader) expect(message.raw).not.toContain(other)
    }
  })

  it('keeps no address in any Redis key, value or job', async () => {
    const prefix = process.env.REDIS_PREFIX!
    const keys = await queues.redis.keys(`${prefix}:*`)
    expect(keys.length).toBeGreaterThan(0)
    const everyone = Object.values(readers).flat()
    for (const key of keys) {
      expect(key).not.toMatch(/@/)
      const type = await queues.redis.type(key)
      const dump =
        type === 'string' ? await queues.redis.get(key)
        : type === 'hash' ? JSON.stringify(await queues.redis.hgetall(key))
        : type === 'list' ? JSON.stringify(await queues.redis.lrange(key, 0, -1))
        : type === 'set' ? JSON.stringify(await queues.redis.smembers(key))
        : type === 'zset' ? JSON.stringify(await queues.redis.zrange(key, '0', '-1'))
        : type === 'stream' ? JSON.stringify(await queues.redis.xrange(key, '-', '+'))
        : ''
      for (const address of everyone) expect(dump ?? '', key).not.toContain(address)
      expect(dump ?? '', key).not.toContain('@readers.test')
    }
  })

  it('records the outcome of every reader in the batches, without any address', async () => {
    const { docs } = await local.payload.find({ collection: 'deliveries', pagination: false, depth: 0, overrideAccess: true })
    expect(docs.every((batch) => batch.status === 'done')).toBe(true)
    const outcomes = docs.flatMap((batch) => Object.values(batch.outcomes as Record<string, { status: string }>))
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(30)
    expect(JSON.stringify(docs)).not.toContain('@readers.test')
  })
})
