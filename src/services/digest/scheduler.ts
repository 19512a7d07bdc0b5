import type { Queue } from 'bullmq'
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  GlobalAfterChangeHook,
  Payload,
  PayloadRequest,
} from 'payload'

import { env } from '@/src/env'
import type { Newsletter, Setting } from '@/src/payload-types'
import { logger } from '@/src/services/platform/logger'
import { QUEUES, webQueue, type DeliverBatchJob, type EditionJob } from '@/src/services/platform/queues'
import { redisClient, whenReady } from '@/src/services/platform/redis'
import { rateLimitFor } from './pace'
import { weeklyCron } from './schedule'

/** Each scheduled newsletter has one job scheduler, named by its slug ("mindful-moments" as before there were several). */
export const schedulerIdOf = (newsletter: Pick<Newsletter, 'slug'>) => newsletter.slug

async function scheduledNewsletters(payload: Payload, req?: PayloadRequest): Promise<Newsletter[]> {
  const { docs } = await payload.find({
    req,
    collection: 'newsletters',
    where: { cadence: { not_equals: 'manual' } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return docs
}

/**
 * Writes the schedules and the send rate into Redis: a weekly BullMQ job scheduler per
 * scheduled newsletter in the magazine's time zone (the assemble job lets only edition weeks
 * through), none for manual or deleted ones, and the deliveries queue's global rate limit.
 * Idempotent; run on every worker start, by the reconciler, and whenever Settings or a
 * newsletter change.
 */
export async function syncSchedule(
  payload: Payload,
  editions: Queue<EditionJob>,
  deliveries: Queue<DeliverBatchJob>,
  settings: Setting,
  // A hook's request: on MongoDB the change it runs for is visible only inside its transaction.
  req?: PayloadRequest,
): Promise<void> {
  const scheduled = await scheduledNewsletters(payload, req)
  for (const newsletter of scheduled) {
    const { pattern, tz } = weeklyCron({ ...newsletter, timezone: settings.timezone })
    await editions.upsertJobScheduler(
      schedulerIdOf(newsletter),
      { pattern, tz },
      { name: 'assemble', data: { kind: 'assemble', newsletterId: newsletter.id } },
    )
  }
  const wanted = new Set(scheduled.map(schedulerIdOf))
  for (const existing of await editions.getJobSchedulers()) {
    if (existing.key && !wanted.has(existing.key)) await editions.removeJobScheduler(existing.key)
  }
  const { max, duration } = rateLimitFor(settings, env().digest.batchSize)
  await deliveries.setGlobalRateLimit(max, duration)
}

async function applySchedules(req: PayloadRequest, settings?: Setting): Promise<void> {
  try {
    // BullMQ waits for a connection without end; a save must not (Redis may be down).
    await whenReady(redisClient(), 2_000)
    const current = settings ?? (await req.payload.findGlobal({ slug: 'settings', depth: 0, req }))
    await syncSchedule(req.payload, webQueue(QUEUES.editions), webQueue(QUEUES.deliveries), current, req)
  } catch (error) {
    // Saved anyway: every worker applies the schedules again when its reconciler runs.
    logger.warn({ err: (error as Error).message }, 'the new schedule could not reach Redis yet')
  }
}

/** Settings' afterChange: a save in the admin (time zone, send rate) re-derives the schedules at once. */
export const applyScheduleSettings: GlobalAfterChangeHook = async ({ doc, req }) => {
  await applySchedules(req, doc as Setting)
  return doc
}

/** A newsletter saved or deleted: its scheduler follows its cadence, day and time at once. */
export const applyNewsletterSchedules: CollectionAfterChangeHook & CollectionAfterDeleteHook = async ({ doc, req }) => {
  await applySchedules(req)
  return doc
}
