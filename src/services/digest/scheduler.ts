import type { Queue } from 'bullmq'
import type { GlobalAfterChangeHook } from 'payload'

import { env } from '@/src/env'
import type { Setting } from '@/src/payload-types'
import { logger } from '@/src/services/platform/logger'
import { QUEUES, webQueue, type DeliverBatchJob, type EditionJob } from '@/src/services/platform/queues'
import { redisClient, whenReady } from '@/src/services/platform/redis'
import { rateLimitFor } from './pace'
import { weeklyCron } from './schedule'

/** One job scheduler for the whole site, whichever process writes it. */
export const SCHEDULER_ID = 'mindful-moments'

/**
 * Writes the schedule and the send rate from Settings into Redis: a weekly BullMQ job
 * scheduler in the site's time zone (the assemble job lets only edition weeks through),
 * and the deliveries queue's global rate limit. Idempotent; run on every worker start,
 * by the reconciler, and whenever Settings change.
 */
export async function syncSchedule(
  editions: Queue<EditionJob>,
  deliveries: Queue<DeliverBatchJob>,
  settings: Setting,
): Promise<void> {
  const { pattern, tz } = weeklyCron(settings)
  await editions.upsertJobScheduler(SCHEDULER_ID, { pattern, tz }, { name: 'assemble', data: { kind: 'assemble' } })
  const { max, duration } = rateLimitFor(settings, env().digest.batchSize)
  await deliveries.setGlobalRateLimit(max, duration)
}

/** Settings' afterChange: a save in the admin re-derives the schedule at once. */
export const applyScheduleSettings: GlobalAfterChangeHook = async ({ doc }) => {
  try {
    // BullMQ waits for a connection without end; a save must not (Redis may be down).
    await whenReady(redisClient(), 2_000)
    await syncSchedule(webQueue(QUEUES.editions), webQueue(QUEUES.deliveries), doc as Setting)
  } catch (error) {
    // Saved anyway: every worker applies the settings again when its reconciler runs.
    logger.warn({ err: (error as Error).message }, 'the new schedule could not reach Redis yet')
  }
  return doc
}
