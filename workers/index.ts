import pLimit from 'p-limit'
import { getPayload } from 'payload'

import config from '../src/payload.config'
import { env } from '../src/env'
import { logger } from '../src/services/logger'
import { closeTransporter, createTransporter } from '../src/services/mailer'
import { finalizeEdition } from '../src/services/digest/finalize'
import { BatchProgress } from '../src/services/digest/progress'
import { EditionTemplates } from '../src/services/digest/templates'
import { startDeliveriesWorker } from './deliveries'
import { startEditionsWorker } from './editions'
import { createRedis, digestJobs, openQueue, QUEUES, whenReady } from './queues'
import { startReconciler } from './reconciler'
import { startTransactionalWorker } from './transactional'

/**
 * The worker process: `npm run worker`. It runs Payload's own job queue (scheduled
 * publishing of articles), the BullMQ processors (transactional mail, editions, digest
 * batches), the digest's job scheduler and the reconciler. Any number of worker processes
 * may run against one database and one Redis.
 */

// The worker is not a Next.js process: there is no dev server to hot-reload from.
process.env.DISABLE_PAYLOAD_HMR = 'true'

async function startWorker() {
  const payload = await getPayload({ config, cron: true })
  const { digest } = env()
  const redis = createRedis('worker')
  await whenReady(redis, 30_000).catch((error: Error) => logger.warn({ err: error.message }, 'starting without Redis'))

  const queues = { editions: openQueue(QUEUES.editions, redis), deliveries: openQueue(QUEUES.deliveries, redis) }
  const jobs = digestJobs(queues.editions, queues.deliveries)
  // The digest has SMTP connections of its own, so a confirmation never waits behind it.
  const digestTransport = createTransporter({ maxConnections: digest.smtpConnections })
  const deliverer = {
    payload,
    transport: digestTransport,
    slots: pLimit(digest.smtpConnections),
    progress: new BatchProgress(redis),
    templates: new EditionTemplates(payload),
    onEditionDelivered: (editionId: string | number) => finalizeEdition(payload, editionId),
  }
  const workers = [
    startTransactionalWorker(payload, redis),
    startEditionsWorker(payload, redis, jobs),
    startDeliveriesWorker(deliverer, redis),
  ]
  const stopReconciler = startReconciler(payload, queues, jobs, digest.reconcileIntervalMs)
  logger.info({ smtpConnections: digest.smtpConnections }, 'worker started: scheduled publishing, transactional mail and the digest are running')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'worker stopping')
    await stopReconciler()
    // close() lets the jobs in hand finish; a job cut off by a harder stop is retried.
    await Promise.all(workers.map((worker) => worker.close()))
    await Promise.all(Object.values(queues).map((queue) => queue.close()))
    digestTransport.close()
    closeTransporter()
    await payload.destroy().catch(() => undefined)
    await redis.quit().catch(() => redis.disconnect())
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

startWorker().catch((error: unknown) => {
  logger.error({ err: error }, 'the worker could not start')
  process.exit(1)
})
