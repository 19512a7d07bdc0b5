import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSending } from '@/src/services/digest/send'
import {
  createReaders,
  duplicatesIn,
  prepareEdition,
  resetSink,
  testQueues,
  waitForStatus,
  workerEnv,
  type Readers,
} from '../helpers/digest'
import { startPayload, type TestPayload } from '../helpers/payload'
import { startPrivateRedis, type PrivateRedis } from '../helpers/privateRedis'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { waitFor } from '../helpers/waitFor'
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker'

/**
 * The database is the source of truth and the queues are disposable: a worker killed
 * mid-edition, or a Redis that lost everything, still ends with every reader served, and
 * with no more duplicates than there were open SMTP connections at the moment of loss.
 */

const READERS = 3_000
/** The worker's SMTP connections (and so messages in flight), set for these tests. */
const CONNECTIONS = 6

let local: TestPayload
let redis: PrivateRedis
let sink: SmtpSink
let queues: ReturnType<typeof testQueues>
let readers: Readers
const workers: WorkerProcess[] = []

function startWorker() {
  const worker = startWorkerProcess(
    workerEnv(local, sink, {
      REDIS_URL: redis.url,
      DIGEST_SMTP_CONNECTIONS: String(CONNECTIONS),
      DIGEST_BATCH_SIZE: '100',
      // 3,000 readers of a made-up domain: the sender checks (tested in senderChecks tests) would hold them back.
      DOCTOR_REQUIRED_ABOVE: String(READERS),
    }),
  )
  workers.push(worker)
  return worker
}

beforeAll(async () => {
  redis = await startPrivateRedis()
  local = await startPayload()
  // A slow server: the edition takes a few seconds, so the test can strike in the middle.
  sink = await startSmtpSink({ delayMs: 4, keepMessages: false })
  queues = testQueues(redis.url)
  readers = await createReaders(local.payload, { active: READERS, unsubscribed: 20 })
}, 300_000)

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()))
  await queues?.close()
  await sink?.close()
  await local?.close()
  await redis?.stop()
})

function expectEveryReaderServed() {
  const counts = sink.countsByRecipient()
  const missed = readers.active.filter((address) => !counts.has(address))
  expect(missed).toEqual([])
  expect([...counts.keys()].filter((address) => !readers.active.includes(address))).toEqual([])
  return duplicatesIn(counts)
}

/** Starts a worker and an edition, and calls `strike` once a quarter of the readers were sent theirs. */
async function strikeMidEdition(strike: (worker: WorkerProcess) => Promise<unknown>) {
  resetSink(sink)
  const worker = startWorker()
  await worker.ready()
  const edition = await prepareEdition(local.payload)
  await startSending(local.payload, edition.id, queues.jobs)
  await waitFor(() => sink.accepted.length >= READERS / 4, 'a quarter of the edition to be sent', 120_000, 10)
  await strike(worker)
  expect(sink.accepted.length, 'the strike came after the edition was sent').toBeLessThan(READERS)
  return { worker, edition }
}

describe('a worker killed mid-edition', () => {
  it(
    'is replaced by a new one that serves every reader, with at most one duplicate per open connection',
    { timeout: 240_000 },
    async () => {
      const { edition } = await strikeMidEdition((worker) => worker.stop('SIGKILL'))

      const second = startWorker()
      await second.ready()
      const sent = await waitForStatus(local.payload, edition.id, 'sent', 180_000)

      const duplicates = expectEveryReaderServed()
      expect(duplicates.extra).toBeLessThanOrEqual(CONNECTIONS)
      expect(sent.stats).toMatchObject({ recipients: READERS, sent: READERS, failed: 0 })
      await second.stop()
    },
  )
})

describe('a worker frozen mid-edition for longer than its lease (SIGSTOP, as in a long stall)', () => {
  it(
    'stops sending when it wakes, while its replacement serves every reader: at most one duplicate per open connection',
    { timeout: 240_000 },
    async () => {
      const { worker: frozen, edition } = await strikeMidEdition(async (worker) =>
        process.kill(-worker.child.pid!, 'SIGSTOP'),
      )

      const second = startWorker()
      await second.ready()
      // The replacement takes the frozen worker's batches once BullMQ sees them stalled and their leases ended.
      await waitForStatus(local.payload, edition.id, 'sent', 180_000)
      process.kill(-frozen.child.pid!, 'SIGCONT')
      // Woken, its batches resume where they stopped; each finds that its lease may be over and stops sending.
      await waitFor(
        () => frozen.output().includes('may have lost the batch lease'),
        'the woken worker to stop its batches',
        30_000,
      )
      let seen = -1
      const quiet = () => {
        const unchanged = seen === sink.accepted.length
        seen = sink.accepted.length
        return unchanged
      }
      await waitFor(quiet, 'no more messages for a second', 30_000, 1_000)

      const duplicates = expectEveryReaderServed()
      expect(duplicates.extra).toBeLessThanOrEqual(CONNECTIONS)
      await second.stop()
      await frozen.stop()
    },
  )
})

describe('Redis losing everything mid-edition (FLUSHALL)', () => {
  it(
    'is repaired by the reconciler: every reader served, at most one duplicate per open connection',
    { timeout: 240_000 },
    async () => {
      const { worker, edition } = await strikeMidEdition(() => redis.client.flushall())

      const sent = await waitForStatus(local.payload, edition.id, 'sent', 180_000)
      const duplicates = expectEveryReaderServed()
      expect(duplicates.extra).toBeLessThanOrEqual(CONNECTIONS)
      expect(sent.stats).toMatchObject({ recipients: READERS, sent: READERS, failed: 0 })
      expect(worker.output()).toContain('reconciled the queues with the database')
      await worker.stop()
    },
  )
})
