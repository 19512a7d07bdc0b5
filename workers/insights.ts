import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { env } from '@/src/env'
import { logger } from '@/src/services/platform/logger'
import { rollUpCounts } from '@/src/services/insights/rollUp'
import { repeatEvery } from './repeat'

/**
 * Moves the day's counts from Redis into the database now and then every interval (any
 * number of workers may run it: a lock lets one at a time). Returns the function that stops it.
 */
export function startInsightsRollUp(payload: Payload, redis: Redis): () => Promise<void> {
  const { rollUpIntervalMs, retentionDays } = env().insights
  return repeatEvery(rollUpIntervalMs, async () => {
    try {
      const report = await rollUpCounts(payload, redis, { retentionDays })
      logger.debug(report, 'rolled the insight counts up into the database')
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'rolling the insight counts up failed; trying again later')
    }
  })
}
