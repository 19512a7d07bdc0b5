import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { DelayedError, Worker } from 'bullmq'
import type { Redis } from 'ioredis'

import { env } from '@/src/env'
import { logger } from '@/src/services/platform/logger'
import { LeaseHeldError, LeaseLostError } from '@/src/services/digest/batches'
import { deliverBatch, TransientBatchError, type Deliverer } from '@/src/services/digest/deliver'
import { QUEUES, reportErrors, type DeliverBatchJob } from '@/src/services/platform/queues'

const PROCESS_ID = `${hostname()}:${process.pid}`

/** Batch jobs in flight per worker; they share the process's SMTP connections. */
const CONCURRENT_BATCHES = 3

/** Sends the digest, one batch of readers per job. */
export function startDeliveriesWorker(deliverer: Deliverer, connection: Redis): Worker<DeliverBatchJob> {
  const worker = new Worker<DeliverBatchJob>(
    QUEUES.deliveries,
    async (job, token) => {
      const owner = `${PROCESS_ID}:${job.id}:${randomUUID()}`
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      try {
        const result = await deliverBatch(deliverer, {
          editionId: job.data.editionId,
          batch: job.data.batch,
          owner,
          lastAttempt,
        })
        logger.info({ job: job.id, ...result }, 'delivery batch sent')
        return result
      } catch (error) {
        // Worth its own line: this process stalled (or lost its database) long enough to fall behind.
        if (error instanceof LeaseLostError) logger.warn({ job: job.id, batch: job.data.batch }, error.message)
        if (!(error instanceof LeaseHeldError)) throw error
        // Another worker is still sending this batch: look again when its lease ends.
        await job.moveToDelayed(error.until.getTime() + 1_000, token)
        throw new DelayedError()
      }
    },
    { connection, prefix: env().redisPrefix, concurrency: CONCURRENT_BATCHES },
  )
  worker.on('failed', (job, error) => {
    const level = error instanceof TransientBatchError ? 'info' : 'warn'
    logger[level](
      { job: job?.id, attempt: job?.attemptsMade, err: error.message },
      'delivery batch did not finish; it will be tried again',
    )
  })
  reportErrors(worker, QUEUES.deliveries)
  return worker
}
