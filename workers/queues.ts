import { Queue, type DefaultJobOptions, type Worker } from 'bullmq'
import { Redis } from 'ioredis'

import { env } from '../src/env'
import { logger } from '../src/services/platform/logger'

/**
 * The one place that knows queue names and how to reach Redis. Job data carries ids only:
 * never an address or a name, so nothing personal ever sits in Redis.
 */

export const QUEUES = {
  /** Confirmations, contributor mail: small, urgent, never behind a digest. */
  transactional: 'transactional',
  /** Assembling, sending and finalizing editions. */
  editions: 'editions',
  /** One job per batch of readers of an edition. */
  deliveries: 'deliveries',
  /** Subscriber lists imported in the background, one job per import. */
  imports: 'imports',
} as const

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]

type ConnectionRole =
  /** Workers block on Redis and must wait through outages (BullMQ requires no retry cap). */
  | 'worker'
  /** The web app answers requests: fail fast when Redis is away instead of hanging. */
  | 'client'

export function createRedis(role: ConnectionRole, url = env().redisUrl): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 500, 5_000),
  })
  let reported = false
  redis.on('error', (error: Error) => {
    // One line per outage, not one per reconnection attempt.
    if (reported) return
    reported = true
    logger.warn({ err: error.message, role }, 'Redis is not reachable; queues and rate limits wait for it')
  })
  redis.on('ready', () => {
    if (reported) logger.info({ role }, 'Redis is reachable again')
    reported = false
  })
  return redis
}

/**
 * Logs a worker's own errors (a job whose lock it lost while stalled, Redis trouble); BullMQ
 * would otherwise print them to the console, unformatted.
 */
export function reportErrors(worker: Worker, name: QueueName): void {
  worker.on('error', (error: Error) => logger.warn({ queue: name, err: error.message }, 'queue worker error'))
}

/** Resolves when the connection is ready, or rejects after `timeoutMs`. */
export function whenReady(redis: Redis, timeoutMs = 2_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady)
      reject(new Error(`Redis is not reachable (${redis.status})`))
    }, timeoutMs)
    const onReady = () => {
      clearTimeout(timer)
      resolve()
    }
    redis.once('ready', onReady)
  })
}

let client: Redis | undefined

/** The web process's shared connection (enqueueing, rate limits, health). */
export function redisClient(): Redis {
  client ??= createRedis('client')
  return client
}

export async function closeRedisClient(): Promise<void> {
  await Promise.all([...webQueues.values()].map((queue) => queue.close()))
  webQueues.clear()
  const current = client
  client = undefined
  if (current) await current.quit().catch(() => current.disconnect())
}

/** Record ids as the database gives them: numbers on SQLite, strings on MongoDB. */
export type RecordId = string | number

/** Mail to one reader or contributor, sent by the worker. Ids only: the worker looks up the rest. */
export type SubscriberMailJob = { kind: 'subscription-confirmation' | 'welcome' | 'address-change-confirmation'; subscriberId: RecordId }
export type ContributorMailJob = {
  kind: 'submission-receipt' | 'submission-changes-requested' | 'submission-accepted' | 'submission-declined' | 'submission-published'
  submissionId: RecordId
  /** The history entry whose message goes with a change of status. */
  historyEntryId?: string
}
/** "Send a test to me": the edition as it stands, to the signed-in staff member only. */
export type EditionTestJob = { kind: 'edition-test'; editionId: RecordId; userId: RecordId }
/** `mailId`: the email's record in the outbox (src/services/platform/mailOutbox.ts), which says whether it is still owed. */
export type TransactionalJob = (SubscriberMailJob | ContributorMailJob | EditionTestJob) & { mailId?: RecordId }

export type EditionJob =
  /** Fired by the job scheduler; the period comes from the time it was due. */
  | { kind: 'assemble' }
  | { kind: 'send'; editionId: RecordId }
  | { kind: 'finalize'; editionId: RecordId }

/**
 * One batch of an edition's readers. Who is in it is in the batch document (the database
 * is the truth), so the job holds two numbers, not a batch's worth of ids.
 */
export type DeliverBatchJob = { editionId: RecordId; batch: number }

/** An uploaded list to import; the import's record holds the file's place and the checkpoint. */
export type ImportJob = { importId: RecordId }

type JobOf = { transactional: TransactionalJob; editions: EditionJob; deliveries: DeliverBatchJob; imports: ImportJob }

/** A function, not a constant: the environment is read when a queue opens, never at import. */
const jobDefaults = (): Record<QueueName, DefaultJobOptions> => ({
  transactional: {
    attempts: 6,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  // The database says what is done; a finished or failed job is only a trigger, so it goes
  // (and a later re-enqueue by the reconciler is never blocked by a leftover id).
  editions: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: true, removeOnFail: true },
  deliveries: {
    attempts: 8,
    backoff: { type: 'exponential', delay: env().digest.retryBaseMs },
    removeOnComplete: true,
    removeOnFail: true,
  },
  // The import's record is the truth; a finished job goes, so the same id can be queued again to resume.
  imports: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
})

/** A queue handle on the given connection, with the product's job defaults. */
export function openQueue<N extends QueueName>(name: N, connection: Redis): Queue<JobOf[N]> {
  return new Queue<JobOf[N]>(name, { connection, prefix: env().redisPrefix, defaultJobOptions: jobDefaults()[name] })
}

const webQueues = new Map<QueueName, Queue>()

/** The web process's handle on a queue (one per name, on the shared connection). */
export function webQueue<N extends QueueName>(name: N): Queue<JobOf[N]> {
  if (!webQueues.has(name)) webQueues.set(name, openQueue(name, redisClient()) as unknown as Queue)
  return webQueues.get(name) as unknown as Queue<JobOf[N]>
}

export const transactionalQueue = () => webQueue(QUEUES.transactional)

/** Deterministic job ids: enqueueing the same work twice adds it once. */
export const JOB_IDS = {
  send: (editionId: RecordId) => `send-${editionId}`,
  scheduledSend: (editionId: RecordId, at: Date) => `send-${editionId}-at-${at.getTime()}`,
  finalize: (editionId: RecordId) => `finalize-${editionId}`,
  deliver: (editionId: RecordId, batch: number) => `deliver-${editionId}-${batch}`,
}

/** How the newsletter services start work; the database, not this, says what is done. */
export type DigestJobs = {
  send(editionId: RecordId, at?: Date): Promise<unknown>
  finalize(editionId: RecordId): Promise<unknown>
  deliverBatch(job: DeliverBatchJob): Promise<unknown>
}

export function digestJobs(editions: Queue<EditionJob>, deliveries: Queue<DeliverBatchJob>): DigestJobs {
  return {
    send: (editionId, at) =>
      editions.add(
        'send',
        { kind: 'send', editionId },
        at ? { jobId: JOB_IDS.scheduledSend(editionId, at), delay: Math.max(0, at.getTime() - Date.now()) } : { jobId: JOB_IDS.send(editionId) },
      ),
    finalize: (editionId) => editions.add('finalize', { kind: 'finalize', editionId }, { jobId: JOB_IDS.finalize(editionId) }),
    deliverBatch: (job) => deliveries.add('deliver-batch', job, { jobId: JOB_IDS.deliver(job.editionId, job.batch) }),
  }
}

/** The web process's way to start newsletter work (Send now, Schedule). */
export const webDigestJobs = () => digestJobs(webQueue(QUEUES.editions), webQueue(QUEUES.deliveries))
