import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSending } from '@/src/services/digest/send'
import { createReaders, prepareEdition, testQueues, waitForStatus, workerEnv, type Readers } from '../helpers/digest'
import { startPayload, type TestPayload } from '../helpers/payload'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker'

/**
 * A route's own pace (SMTP_RATE=25/s) held by two worker processes together: an edition to
 * 100 readers, with the digest's own send rate far above it, goes out at no more than 25
 * messages in any second of the route's clock — so it takes at least three seconds — and
 * every reader has it once.
 */

const PACE = 25
let local: TestPayload
let sink: SmtpSink
let workers: WorkerProcess[] = []
let queues: ReturnType<typeof testQueues>
let readers: Readers
const acceptedAt: number[] = []

beforeAll(async () => {
  local = await startPayload()
  sink = await startSmtpSink({
    refuse: () => {
      acceptedAt.push(Date.now())
      return undefined
    },
  })
  queues = testQueues()
  readers = await createReaders(local.payload, { active: 100 })
  workers = [0, 1].map(() =>
    startWorkerProcess(workerEnv(local, sink, { SMTP_RATE: `${PACE}/s`, DIGEST_BATCH_SIZE: '10', LOG_LEVEL: 'info' })),
  )
  await Promise.all(workers.map((worker) => worker.ready()))
}, 180_000)

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()))
  await queues?.close()
  await sink?.close()
  await local?.close()
})

describe('a route with its own pace, two workers sending', () => {
  it('keeps to the pace together, and every reader is mailed once', { timeout: 120_000 }, async () => {
    const edition = await prepareEdition(local.payload)
    await startSending(local.payload, edition.id, queues.jobs)
    await waitForStatus(local.payload, edition.id, 'sent', 60_000)

    const counts = sink.countsByRecipient()
    expect([...counts.keys()].sort()).toEqual([...readers.active].sort())
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
    // Both workers took part.
    expect(workers.every((worker) => /delivery batch sent/.test(worker.output()))).toBe(true)
    // 100 messages at 25 a second: the last cannot be offered before three seconds have passed.
    expect(acceptedAt.at(-1)! - acceptedAt[0]).toBeGreaterThanOrEqual(2_900)
  })
})
