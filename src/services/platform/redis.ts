import { Redis } from 'ioredis'

import { env } from '@/src/env'
import { logger } from './logger'

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
export function whenReady(redis: Pick<Redis, 'status' | 'once' | 'off'>, timeoutMs = 2_000): Promise<void> {
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
const beforeClose = new Set<() => Promise<unknown>>()

/** The web process's shared connection (enqueueing, rate limits, health). */
export function redisClient(): Redis {
  client ??= createRedis('client')
  return client
}

/** What must finish on the shared connection before it closes (the web process's queue handles). */
export function onRedisClientClose(close: () => Promise<unknown>): void {
  beforeClose.add(close)
}

export async function closeRedisClient(): Promise<void> {
  await Promise.all([...beforeClose].map((close) => close()))
  beforeClose.clear()
  const current = client
  client = undefined
  if (current) await current.quit().catch(() => current.disconnect())
}
