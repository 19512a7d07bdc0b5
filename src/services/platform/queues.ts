import { Queue, type DefaultJobOptions, type Worker } from 'bullmq'
import type { Redis } from 'ioredis'

import { env } from '@/src/env'
import { logger } from './logger'
import type { RecordId } from './records'
import { onRedisClientClose, redisClient } from './redis'

/**
 * The queue contract: names, job data and defaults, shared by the web app (which enqueues)
 * and the worker (which runs the processors). Job data carries ids only: never an address or
 * a name, so nothing personal ever sits in Redis.
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

/**
 * Logs a worker's own errors (a job whose lock it lost while stalled, Redis trouble); BullMQ
 * would otherwise print them to the console, unformatted.
 */
export function reportErrors(worker: Worker, name: QueueName): void {
  worker.on('error', (error: Error) => logger.warn({ queue: name, err: error.message }, 'queue worker error'))
}

/** Mail to one reader or contributor, sent by the worker. Ids only: the worker looks up the rest. */
export type SubscriberMailJob = {
  kind: 'subscription-confirmation' | 'welcome' | 'address-change-confirmation'
  subscriberId: RecordId
}
export type ContributorMailJob = {
  kind:
    | 'submission-receipt'
    | 'submission-changes-requested'
    | 'submission-accepted'
    | 'submission-declined'
    | 'submission-published'
  submissionId: RecordId
  /** The history entry whose message goes with a change of status. */
  historyEntryId?: string
}
/** "Send a test to me": the edition as it stands, to the signed-in staff member only. */
export type EditionTestJob = { kind: 'edition-test'; editionId: RecordId; userId: RecordId }
/** `mailId`: the email's record in the outbox (src/services/platform/mailOutbox.ts), which says whether it is still owed. */
/** The brake paused an edition: one message to each admin. */
export type BrakeNoticeJob = { kind: 'brake-engaged'; editionId: RecordId; userId: RecordId }
export type TransactionalJob = (SubscriberMailJob | ContributorMailJob | EditionTestJob | BrakeNoticeJob) & {
  mailId?: RecordId
}

export type EditionJob =
  /** Fired by the job scheduler; the period comes from the time it was due. */
  // No newsletter: a job from before there were several, for "Mindful Moments".
  | { kind: 'assemble'; newsletterId?: RecordId }
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
  imports: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  },
})

/** A queue handle on the given connection, with the product's job defaults. */
export function openQueue<N extends QueueName>(name: N, connection: Redis): Queue<JobOf[N]> {
  return new Queue<JobOf[N]>(name, { connection, prefix: env().redisPrefix, defaultJobOptions: jobDefaults()[name] })
}

const webQueues = new Map<QueueName, Queue>()
onRedisClientClose(async () => {
  await Promise.all([...webQueues.values()].map((queue) => queue.close()))
  webQueues.clear()
})

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
