import { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { env } from '@/src/env'
import { logger } from '@/src/services/platform/logger'
import { markImportFailed, runImport, unfinishedImports } from '@/src/services/newsletter/subscriberImport'
import { openQueue, QUEUES, reportErrors, type ImportJob } from '@/src/services/platform/queues'
import { withRequeue } from './requeue'

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
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
      void markImportFailed(payload, job.data.importId, error.message).catch(() => undefined)
  })
  reportErrors(worker, QUEUES.imports)

  return withRequeue(worker, queue, 'unfinished imports', async () => {
    for (const importId of await unfinishedImports(payload))
      await queue.add('import', { importId }, { jobId: `import-${importId}` })
  })
}
