import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { getPayload } from 'payload'

import config from '@/src/payload.config'
import { env } from '@/src/env'
import { logger } from '@/src/services/platform/logger'
import { closeTransporter } from '@/src/services/platform/mailer'
import { startDigestRuntime } from './digestRuntime'
import { createRedis, whenReady } from '@/src/services/platform/redis'
import { startImportWorker } from './imports'
import { startInsightsRollUp } from './insights'
import { lowerPriority } from './priority'
import { startTransactionalWorker } from './transactional'

/**
 * The worker process: `npm run worker`. It runs Payload's own job queue (scheduled
 * publishing of articles), the transactional mail, the digest's processors, its job
 * scheduler and the reconciler. Any number of worker processes may run against one
 * database and one Redis.
 */

export const WORKER_HEARTBEAT_FILE = path.join(tmpdir(), 'mindful-worker-alive')

// The worker is not a Next.js process: there is no dev server to hot-reload from.
process.env.DISABLE_PAYLOAD_HMR = 'true'

async function startWorker() {
  // Readers' page requests win the CPU over a send on a shared host (WORKER_NICE).
  const nice = lowerPriority(env().digest.workerNice)
  const payload = await getPayload({ config, cron: true })
  const redis = createRedis('worker')
  await whenReady(redis, 30_000).catch((error: Error) => logger.warn({ err: error.message }, 'starting without Redis'))

  const transactional = startTransactionalWorker(payload, redis)
  const digest = startDigestRuntime(payload, redis)
  const imports = startImportWorker(payload, redis)
  const stopRollUp = startInsightsRollUp(payload, redis)
  logger.info(
    { smtpConnections: env().digest.smtpConnections, nice },
    'worker started: scheduled publishing, transactional mail, the digest, imports and the insight roll-up are running',
  )

  // For a container's health check (docker-compose.yml): fresh while the worker reaches Redis.
  const heartbeat = setInterval(() => {
    redis.ping().then(
      () => writeFile(WORKER_HEARTBEAT_FILE, new Date().toISOString()),
      () => undefined,
    )
  }, 15_000)
  heartbeat.unref()

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'worker stopping')
    await Promise.all([transactional.close(), digest.stop(), imports.close(), stopRollUp()])
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
