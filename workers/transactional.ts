import { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { logger } from '@/src/services/platform/logger'
import { sendContributorEmail } from '@/src/services/editorial/contributorMail'
import { sendEditionTest } from '@/src/services/digest/editorTools'
import { sendBrakeNotice } from '@/src/services/deliverability/brakeNotice'
import { sendSubscriberEmail } from '@/src/services/newsletter/subscriberMail'
import { env } from '@/src/env'
import { reconcileMailOutbox, sendOwedMail } from '@/src/services/platform/mailOutbox'
import { openQueue, QUEUES, reportErrors, type TransactionalJob } from '@/src/services/platform/queues'
import { withRequeue } from './requeue'

function send(payload: Payload, job: TransactionalJob) {
  if (job.kind === 'edition-test') return sendEditionTest(payload, job)
  if (job.kind === 'brake-engaged') return sendBrakeNotice(payload, job)
  if ('subscriberId' in job) return sendSubscriberEmail(payload, job)
  return sendContributorEmail(payload, job)
}

/** Confirmations, welcomes, contributor mail and editors' tests: small and urgent, so on their own queue, never behind a digest. */
export function startTransactionalWorker(payload: Payload, connection: Redis): { close: () => Promise<void> } {
  const worker = new Worker<TransactionalJob>(
    QUEUES.transactional,
    async (job) => {
      const outcome = await sendOwedMail(payload, job.data, (data) => send(payload, data))
      logger.info({ job: job.id, kind: job.data.kind, ...outcome }, 'transactional email')
      return outcome
    },
    { connection, prefix: env().redisPrefix, concurrency: 5 },
  )
  worker.on('failed', (job, error) =>
    logger.warn(
      { job: job?.id, kind: job?.data.kind, attempt: job?.attemptsMade, err: error.message },
      'transactional email failed',
    ),
  )
  reportErrors(worker, QUEUES.transactional)

  // What the outbox says is owed goes back on the queue: at start and every reconcile interval.
  const queue = openQueue(QUEUES.transactional, connection)
  return withRequeue(worker, queue, 'owed transactional email', async () => {
    const owed = await reconcileMailOutbox(payload, queue)
    if (owed > 0) logger.info({ owed }, 'queued owed transactional email again')
  })
}
