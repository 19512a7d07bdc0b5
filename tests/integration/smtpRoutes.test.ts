import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSending } from '@/src/services/digest/send'
import { routeName } from '@/src/services/platform/smtpRoutes'
import { createReaders, prepareEdition, testQueues, waitForStatus, workerEnv, type Readers } from '../helpers/digest'
import { startPayload, type TestPayload } from '../helpers/payload'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker'
import { waitFor } from '../helpers/waitFor'

/**
 * Two SMTP routes (SMTP_URLS) under the real worker: the first starts refusing every
 * recipient with 421 in the middle of an edition (a provider throttling or going down); the
 * rest of the edition goes by the second, every reader still gets exactly one message, and
 * each batch records which route took how many of its messages.
 */

let local: TestPayload
let primary: SmtpSink
let backup: SmtpSink
let worker: WorkerProcess
let queues: ReturnType<typeof testQueues>
let readers: Readers
let primaryDown = false

beforeAll(async () => {
  local = await startPayload()
  ;[primary, backup] = await Promise.all([
    // A little slow, so the edition is still going out when the route fails.
    startSmtpSink({
      delayMs: 15,
      refuse: () => (primaryDown ? { code: 421, message: 'Service not available, closing channel' } : undefined),
    }),
    startSmtpSink(),
  ])
  queues = testQueues()
  readers = await createReaders(local.payload, { active: 150 })
  worker = startWorkerProcess(
    workerEnv(local, primary, {
      SMTP_URL: '',
      SMTP_URLS: `${primary.url},${backup.url}`,
      DIGEST_BATCH_SIZE: '20',
    }),
  )
  await worker.ready()
}, 180_000)

afterAll(async () => {
  await worker?.stop()
  await queues?.close()
  await Promise.all([primary?.close(), backup?.close()])
  await local?.close()
})

describe('an SMTP route that fails mid-edition', () => {
  it('hands the rest of the edition to the next route, each reader mailed once', { timeout: 120_000 }, async () => {
    const edition = await prepareEdition(local.payload)
    await startSending(local.payload, edition.id, queues.jobs)
    await waitFor(() => primary.accepted.length >= 40, 'the first route to take part of the edition', 60_000, 10)
    primaryDown = true
    const sent = await waitForStatus(local.payload, edition.id, 'sent')

    const byPrimary = primary.accepted.map(([to]) => to)
    const byBackup = backup.accepted.map(([to]) => to)
    expect(byPrimary.length).toBeGreaterThanOrEqual(40)
    expect(byBackup.length).toBeGreaterThan(0)
    const everyone = [...byPrimary, ...byBackup]
    expect(everyone.sort()).toEqual([...readers.active].sort())
    expect(sent.stats).toMatchObject({ recipients: 150, sent: 150, failed: 0 })

    // Per batch, not per reader: how many of its messages each route took.
    const { docs: batches } = await local.payload.find({
      collection: 'deliveries',
      where: { edition: { equals: edition.id } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const perRoute = new Map<string, number>()
    for (const batch of batches)
      for (const [route, count] of Object.entries((batch.routes ?? {}) as Record<string, number>))
        perRoute.set(route, (perRoute.get(route) ?? 0) + count)
    expect(Object.fromEntries(perRoute)).toEqual({
      [routeName(primary.url)]: byPrimary.length,
      [routeName(backup.url)]: byBackup.length,
    })
    expect(JSON.stringify(batches.map((batch) => batch.routes))).not.toContain('@')
  })
})
