import { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { logger } from '../src/services/platform/logger'
import { sendContributorEmail } from '../src/services/editorial/contributorMail'
import { sendEditionTest } from '../src/services/digest/editorTools'
import { sendSubscriberEmail } from '../src/services/newsletter/subscriberMail'
import { env } from '../src/env'
import { QUEUES, reportErrors, type TransactionalJob } from './queues'

function send(payload: Payload, job: TransactionalJob) {
  if (job.kind === 'edition-test') return sendEditionTest(payload, job)
  if ('subscriberId' in job) return sendSubscriberEmail(payload, job)
  return sendContributorEmail(payload, job)
}

/** Confirmations, welcomes, contributor mail and editors' tests: small and urgent, so on their own queue, never behind a digest. */
export function startTransactionalWorker(payload: Payload, connection: Redis): Worker<TransactionalJob> {
  const worker = new Worker<TransactionalJob>(
    QUEUES.transactional,
    async (job) => {
      const outcome = await send(payload, job.data)
      logger.info({ job: job.id, kind: job.data.kind, ...outcome }, 'transactional email')
      return outcome
    },
    { connection, prefix: env().redisPrefix, concurrency: 5 },
  )
  worker.on('failed', (job, error) =>
    logger.warn({ job: job?.id, kind: job?.data.kind, attempt: job?.attemptsMade, err: error.message }, 'transactional email failed'),
  )
  reportErrors(worker, QUEUES.transactional)
  return worker
}
