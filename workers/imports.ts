import { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { env } from '../src/env'
import { logger } from '../src/services/platform/logger'
import { markImportFailed, runImport, unfinishedImports } from '../src/services/newsletter/subscriberImport'
import { openQueue, QUEUES, reportErrors, type ImportJob } from './queues'

/**
 * Subscriber imports, one at a time per worker. A job is only a trigger: the import's record
 * says how far it got, and imports the queue lost are queued again at start and every
 * reconcile interval.
 */
export function startImportWorker(payload: Payload, connection: Redis): { close: () => Promise<void> } {
  const queue = openQueue(QUEUES.imports, connection)
  const worker = new Worker<ImportJob>(
    QUEUES.imports,
    async (job) => ({ status: await runImport(payload, job.data.importId) }),
    { connection, prefix: env().redisPrefix, concurrency: 1 },
  )
  worker.on('failed', (job, error) => {
    logger.warn({ job: job?.id, attempt: job?.attemptsMade, err: error.message }, 'import failed')
    // Out of attempts: the import says why instead of waiting for ever.
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void markImportFailed(payload, job.data.importId, error.message).catch(() => undefined)
  })
  reportErrors(worker, QUEUES.imports)

  const requeue = async () => {
    try {
      for (const importId of await unfinishedImports(payload)) await queue.add('import', { importId }, { jobId: `import-${importId}` })
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'could not look for unfinished imports; trying again later')
    }
  }
  void requeue()
  const timer = setInterval(() => void requeue(), env().digest.reconcileIntervalMs)
  return {
    close: async () => {
      clearInterval(timer)
      await worker.close()
      await queue.close()
    },
  }
}
