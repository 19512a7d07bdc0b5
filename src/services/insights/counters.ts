import type { Redis } from 'ioredis'

import { env } from '@/src/env'
import { countField, dayOf, liveCountsKey, type CounterName } from '@/src/insightCounters.mjs'
import { logger } from '../platform/logger'
import { redisClient, whenReady } from '../platform/redis'

export { INSIGHT_COUNTERS, type CounterName } from '@/src/insightCounters.mjs'

/**
 * Adds to today's count of `counter` for `subject` (an article's slug, `edition:link`, a
 * newsletter). The count is an aggregate by construction: nothing about who caused it is
 * passed, so nothing can be stored. A count never holds up what the reader asked for: when
 * Redis is away it is lost, and said so in the log.
 */
export async function count(counter: CounterName, subject: string, redis: Redis = redisClient()): Promise<void> {
  const field = countField(counter, subject)
  try {
    await whenReady(redis)
    await redis.hincrby(liveCountsKey(env().redisPrefix), field, 1)
  } catch (error) {
    logger.warn({ counter, err: (error as Error).message }, 'a count was lost: Redis did not take it')
  }
}

export { dayOf }

/** Counts per newsletter are keyed by its slug; the first newsletter's is this. */
export { MINDFUL_MOMENTS } from '../newsletter/newsletters'

/** The first day of the last `days` days, today included. */
export function firstDayOf(days: number, now = new Date()): string {
  return dayOf(new Date(now.getTime() - (days - 1) * 24 * 3600 * 1000))
}
