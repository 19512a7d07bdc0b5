import { Redis } from 'ioredis'
import type { Payload } from 'payload'
import { expect, inject } from 'vitest'

import type { SubscriberStatus } from '@/src/services/newsletter/subscriberStatuses'
import type { Edition, User } from '@/src/payload-types'
import { seedDemoContent } from '@/src/seed/seedDemoContent'
import { digestJobs, type DigestJobs } from '@/src/services/digest/jobs'
import { openQueue, QUEUES } from '@/src/services/platform/queues'
import { startPayload, TEST_SECRET, type TestPayload } from './payload'
import { startSmtpSink, type SinkOptions, type SmtpSink } from './smtpSink'
import { startWorkerProcess, type WorkerProcess } from './worker'

/** What the digest tests share: readers in every state, an edition, the worker's settings, waiting. */

export type Readers = Record<SubscriberStatus, string[]>

/** Creates readers in each status with addresses like `active-00007@readers.test` (after `tag`, if given). */
export async function createReaders(
  payload: Payload,
  counts: Partial<Record<SubscriberStatus, number>>,
  tag = '',
): Promise<Readers> {
  const readers: Readers = { pending: [], active: [], unsubscribed: [], bounced: [], complained: [] }
  for (const [status, count] of Object.entries(counts) as Array<[SubscriberStatus, number]>) {
    for (let i = 0; i < count; i++) {
      const email = `${tag}${status}-${String(i).padStart(5, '0')}@readers.test`
      await payload.create({
        collection: 'subscribers',
        data: {
          email,
          status,
          consent: { givenAt: '2026-01-01T00:00:00.000Z', source: 'test', wording: 'Yes', wordingVersion: '1' },
        },
        overrideAccess: true,
        depth: 0,
      })
      readers[status].push(email)
    }
  }
  return readers
}

/**
 * Creates an edition as an editor would, its number left to the field's default (the
 * generated types call the number required, though the default fills it in).
 */
export function createEdition(
  payload: Payload,
  data: Omit<Partial<Edition>, 'number'> & { subject: string },
  options: { user?: User } = {},
): Promise<Edition> {
  return payload.create({ collection: 'editions', data: data as Edition, depth: 0, ...options })
}

/** The seed page's content and a draft edition featuring its article; the send rate high enough for tests. */
export async function prepareEdition(payload: Payload): Promise<Edition> {
  await seedDemoContent(payload)
  await payload.updateGlobal({ slug: 'settings', data: { sendRatePerSecond: 10_000 } })
  const { docs } = await payload.find({ collection: 'articles', limit: 1, depth: 0 })
  const { totalDocs } = await payload.count({ collection: 'editions' })
  return createEdition(payload, {
    subject: `Mindful Moments #${totalDocs + 1}: How to Regain a Partner’s Lost Trust`,
    intro: 'This fortnight: trust.',
    articles: [docs[0].id],
    status: 'draft',
  })
}

/** Forgets what the SMTP server received so far, so the next edition is counted alone. */
export function resetSink(sink: SmtpSink) {
  sink.messages.length = 0
  sink.accepted.length = 0
  sink.attempts.clear()
}

/** Every reader who got more than one message, and how many extra messages there were in all. */
export function duplicatesIn(counts: Map<string, number>): { readers: string[]; extra: number } {
  const readers = [...counts].filter(([, count]) => count > 1).map(([address]) => address)
  return { readers, extra: readers.reduce((sum, address) => sum + counts.get(address)! - 1, 0) }
}

/** The environment a worker needs to share the test's database, Redis prefix and SMTP server. */
export function workerEnv(
  local: TestPayload,
  sink: SmtpSink,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: local.databaseUrl,
    DATA_DIR: local.dir,
    PAYLOAD_SECRET: TEST_SECRET,
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: process.env.REDIS_PREFIX!,
    SMTP_URL: sink.url,
    PUBLIC_URL: 'https://mindful.test',
    MAIL_FROM: 'Mindful Moments <moments@mindful.test>',
    DIGEST_RETRY_BASE_MS: '300',
    RECONCILE_INTERVAL_MS: '1000',
    ...extra,
  }
}

/** The test's own handles on the queues (as the web app has), under the test's prefix. */
export function testQueues(redisUrl = inject('redisUrl')) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const editions = openQueue(QUEUES.editions, redis)
  const deliveries = openQueue(QUEUES.deliveries, redis)
  const jobs: DigestJobs = digestJobs(editions, deliveries)
  return {
    redis,
    jobs,
    close: async () => {
      await Promise.all([editions.close(), deliveries.close()])
      await redis.quit()
    },
  }
}

export async function waitForStatus(
  payload: Payload,
  editionId: string | number,
  status: Edition['status'],
  timeout = 120_000,
): Promise<Edition> {
  await expect
    .poll(
      async () =>
        (await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })).status,
      { timeout, interval: 250 },
    )
    .toBe(status)
  return payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
}

/**
 * What the digest tests with a real worker share: Payload on a temporary SQLite file, the
 * SMTP sink, the test's own queue handles and one worker process (its environment may depend
 * on the database's folder, e.g. for a key file). `restartWorker` stops it and starts another.
 */
export type DigestRig = {
  local: TestPayload
  sink: SmtpSink
  queues: ReturnType<typeof testQueues>
  worker: WorkerProcess
  /** Stops the worker (if it runs) and starts a new one with the same environment. */
  restartWorker: () => Promise<void>
  stopWorker: () => Promise<void>
  close: () => Promise<void>
}

export async function startDigestRig(
  options: {
    workerEnv?: Record<string, string> | ((local: TestPayload) => Record<string, string>)
    sink?: SinkOptions
    /** Readers and content made before the worker starts. */
    prepare?: (local: TestPayload) => Promise<void>
  } = {},
): Promise<DigestRig> {
  const local = await startPayload()
  const sink = await startSmtpSink(options.sink)
  const queues = testQueues()
  await options.prepare?.(local)
  const extra = typeof options.workerEnv === 'function' ? options.workerEnv(local) : (options.workerEnv ?? {})
  const start = async () => {
    const worker = startWorkerProcess(workerEnv(local, sink, extra))
    await worker.ready()
    return worker
  }
  let running: WorkerProcess | undefined = await start()
  const rig: DigestRig = {
    local,
    sink,
    queues,
    worker: running,
    stopWorker: async () => {
      await running?.stop()
      running = undefined
    },
    restartWorker: async () => {
      await rig.stopWorker()
      running = rig.worker = await start()
    },
    close: async () => {
      await running?.stop()
      await queues.close()
      await sink.close()
      await local.close()
    },
  }
  return rig
}
