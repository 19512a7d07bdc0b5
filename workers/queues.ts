import { Queue } from 'bullmq'
import { Redis } from 'ioredis'

import { env } from '../src/env'
import { logger } from '../src/services/logger'

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
  await transactional?.close()
  transactional = undefined
  const current = client
  client = undefined
  if (current) await current.quit().catch(() => current.disconnect())
}

/** Mail to one reader or contributor, sent by the worker. Ids only: the worker looks up the rest. */
export type SubscriberMailJob = { kind: 'subscription-confirmation' | 'welcome'; subscriberId: string }
export type ContributorMailJob = {
  kind: 'submission-receipt' | 'submission-changes-requested' | 'submission-accepted' | 'submission-declined' | 'submission-published'
  submissionId: string
  /** The history entry whose message goes with a change of status. */
  historyEntryId?: string
}
export type TransactionalJob = SubscriberMailJob | ContributorMailJob

let transactional: Queue<TransactionalJob> | undefined

/** The web process's handle on the transactional queue. */
export function transactionalQueue(): Queue<TransactionalJob> {
  transactional ??= new Queue<TransactionalJob>(QUEUES.transactional, {
    connection: redisClient(),
    prefix: env().redisPrefix,
    defaultJobOptions: {
      attempts: 6,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { count: 1_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  })
  return transactional
}
