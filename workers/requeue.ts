import type { Queue, Worker } from 'bullmq'

import { env } from '@/src/env'
import { logger } from '@/src/services/platform/logger'

/**
 * A worker whose queue only triggers work the database records: `requeue` puts back what the
 * database says is unfinished, at start and every reconcile interval (Redis may have lost
 * it). Returns how to stop the worker, the timer and the queue together.
 */
export function withRequeue(
  worker: Worker,
  queue: Queue,
  what: string,
  requeue: () => Promise<void>,
): { close: () => Promise<void> } {
  const run = () =>
    requeue().catch((error: Error) =>
      logger.warn({ err: error.message }, `could not look for ${what}; trying again later`),
    )
  void run()
  const timer = setInterval(() => void run(), env().digest.reconcileIntervalMs)
  return {
    close: async () => {
      clearInterval(timer)
      await worker.close()
      await queue.close()
    },
  }
}
