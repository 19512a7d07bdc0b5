import type { Redis } from 'ioredis'

import { whenReady } from '@/src/services/platform/redis'
import type { Payload } from 'payload'

import { logger } from './logger'

export type HealthReport = { db: string; redis: string }

const TIMEOUT_MS = 2_000

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
    ),
  ])
}

/** "ok", or which dependency is down: the answer is public, so the raw error (paths, hosts, queries) goes to the log only. */
async function probe(work: () => Promise<unknown>, what: string): Promise<string> {
  try {
    await withTimeout(work(), what)
    return 'ok'
  } catch (error) {
    logger.warn({ err: error }, `health check: ${what} is not reachable`)
    return `error: ${what} is not reachable`
  }
}

/** Each dependency answers "ok" or says what is wrong; the caller turns any error into 503. */
export async function checkHealth(payload: Payload, redis: Redis): Promise<HealthReport> {
  const [db, redisStatus] = await Promise.all([
    probe(() => payload.count({ collection: 'categories', overrideAccess: true }), 'The database'),
    probe(async () => {
      await whenReady(redis, TIMEOUT_MS)
      await redis.ping()
    }, 'Redis'),
  ])
  return { db, redis: redisStatus }
}

export const isHealthy = (report: HealthReport) => report.db === 'ok' && report.redis === 'ok'
