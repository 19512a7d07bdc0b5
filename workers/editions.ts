import { Worker, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { env } from '@/src/env'
import { logger } from '@/src/services/platform/logger'
import { assembleForSchedule } from '@/src/services/digest/assemble'
import { finalizeEdition } from '@/src/services/digest/finalize'
import { batchSizeFor } from '@/src/services/digest/pace'
import { markFailed, sendEdition } from '@/src/services/digest/send'
import { QUEUES, reportErrors, type EditionJob } from '@/src/services/platform/queues'
import { type DigestJobs } from '@/src/services/digest/jobs'

/** When a scheduler's job was due (not when a worker got to it). */
const dueTime = (job: Job<EditionJob>) =>
  new Date((job.opts as { prevMillis?: number }).prevMillis ?? job.timestamp + (job.delay ?? 0))

/** Assembling, sending (render once + fan-out) and finalizing editions. */
export function startEditionsWorker(payload: Payload, connection: Redis, jobs: DigestJobs): Worker<EditionJob> {
  const worker = new Worker<EditionJob>(
    QUEUES.editions,
    async (job) => {
      const { data } = job
      if (data.kind === 'assemble')
        return assembleForSchedule(payload, jobs, dueTime(job), data.newsletterId).then((outcome) => outcome.kind)
      if (data.kind === 'finalize') return finalizeEdition(payload, data.editionId)
      const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
      return sendEdition(payload, data.editionId, jobs, batchSizeFor(settings, env().digest.batchSize))
    },
    { connection, prefix: env().redisPrefix, concurrency: 2 },
  )
  worker.on('failed', (job, error) => {
    logger.warn(
      { job: job?.id, kind: job?.data.kind, attempt: job?.attemptsMade, err: error.message },
      'edition job failed',
    )
    const exhausted = job && job.attemptsMade >= (job.opts.attempts ?? 1)
    if (exhausted && job.data.kind === 'send')
      void markFailed(payload, job.data.editionId, error.message).catch(() => undefined)
  })
  reportErrors(worker, QUEUES.editions)
  return worker
}
