import { getPayload } from 'payload'

import config from '../src/payload.config'
import { logger } from '../src/services/logger'
import { closeTransporter } from '../src/services/mailer'
import { createRedis, whenReady } from './queues'
import { startTransactionalWorker } from './transactional'

/**
 * The worker process: `npm run worker`. It runs Payload's own job queue (scheduled
 * publishing of articles) and the BullMQ processors, on one shared Redis connection.
 * Any number of worker processes may run against one database and one Redis.
 */

// The worker is not a Next.js process: there is no dev server to hot-reload from.
process.env.DISABLE_PAYLOAD_HMR = 'true'

async function startWorker() {
  const payload = await getPayload({ config, cron: true })
  const redis = createRedis('worker')
  await whenReady(redis, 30_000).catch((error: Error) => logger.warn({ err: error.message }, 'starting without Redis'))
  const workers = [startTransactionalWorker(payload, redis)]
  logger.info('worker started: scheduled publishing and transactional mail are running')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'worker stopping')
    // close() lets the jobs in hand finish; a job cut off by a harder stop is retried.
    await Promise.all(workers.map((worker) => worker.close()))
    await payload.destroy().catch(() => undefined)
    await redis.quit().catch(() => redis.disconnect())
    closeTransporter()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

startWorker().catch((error: unknown) => {
  logger.error({ err: error }, 'the worker could not start')
  process.exit(1)
})
