import type { CollectionAfterChangeHook } from 'payload'

import { logger } from '@/src/services/platform/logger'
import { redisClient, whenReady } from '@/src/services/platform/redis'
import { webDigestJobs } from '@/src/services/digest/jobs'

/**
 * Scheduling an edition queues a delayed send for its time. A job for an earlier time (or
 * for an edition unscheduled since) finds the edition not due and does nothing; if Redis
 * loses the job, the reconciler sends an overdue scheduled edition.
 *
 * This hook runs before the save commits (on MongoDB, inside its transaction): a job due at
 * once could read the edition as it was and do nothing, so it fires a few seconds later at
 * the earliest.
 */
const AFTER_COMMIT_MS = 3_000

export const scheduleSendJob: CollectionAfterChangeHook = async ({ doc, previousDoc }) => {
  if (doc.status !== 'scheduled' || !doc.scheduledFor) return doc
  if (previousDoc?.status === 'scheduled' && previousDoc.scheduledFor === doc.scheduledFor) return doc
  try {
    await whenReady(redisClient(), 2_000)
    await webDigestJobs().send(doc.id, new Date(Math.max(Date.parse(doc.scheduledFor), Date.now() + AFTER_COMMIT_MS)))
  } catch (error) {
    logger.warn(
      { edition: doc.id, err: (error as Error).message },
      'the scheduled send could not be queued yet; the reconciler will send it when due',
    )
  }
  return doc
}
