import type { Queue } from 'bullmq'
import type { Payload } from 'payload'

import { logger } from '@/src/services/platform/logger'
import { reconcile } from '@/src/services/digest/reconcile'
import type { Setting } from '@/src/payload-types'
import type { DeliverBatchJob, EditionJob } from '@/src/services/platform/queues'
import type { DigestJobs } from '@/src/services/digest/jobs'
import { syncSchedule } from '@/src/services/digest/scheduler'
import { repeatEvery } from './repeat'

/**
 * Runs the reconciler now and then every `intervalMs`: Redis may lose everything, the
 * database may not. Returns the function that stops it.
 */
export function startReconciler(
  payload: Payload,
  queues: { editions: Queue<EditionJob>; deliveries: Queue<DeliverBatchJob> },
  jobs: DigestJobs,
  intervalMs: number,
): () => Promise<void> {
  return repeatEvery(intervalMs, async () => {
    try {
      const settings = (await payload.findGlobal({ slug: 'settings', depth: 0 })) as Setting
      await syncSchedule(payload, queues.editions, queues.deliveries, settings)
      const report = await reconcile(payload, jobs)
      const level = Object.values(report).some(Boolean) ? 'info' : 'debug'
      logger[level](report, 'reconciled the queues with the database')
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'reconciling failed; trying again at the next interval')
    }
  })
}
