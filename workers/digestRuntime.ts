import pLimit from 'p-limit'
import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { env } from '@/src/env'
import { createTransporter } from '@/src/services/platform/mailer'
import { finalizeEdition } from '@/src/services/digest/finalize'
import { BatchProgress } from '@/src/services/digest/progress'
import { EditionTemplates } from '@/src/services/digest/templates'
import { Warmup } from '@/src/services/deliverability/warmup'
import { digestRoutePaces } from '@/src/services/deliverability/paceSettings'
import { startDeliveriesWorker } from './deliveries'
import { startEditionsWorker } from './editions'
import { digestJobs, type DigestJobs } from '@/src/services/digest/jobs'
import { openQueue, QUEUES } from '@/src/services/platform/queues'
import { startReconciler } from './reconciler'

export type DigestRuntime = { jobs: DigestJobs; stop: () => Promise<void> }

/**
 * The newsletter's processors (editions, delivery batches) and, unless left out, the
 * reconciler (which also keeps the job scheduler in step with Settings). The worker runs
 * this; so does `npm run digest -- --now`, so a digest can go out without a worker running.
 */
export function startDigestRuntime(payload: Payload, redis: Redis, { reconciler = true } = {}): DigestRuntime {
  const { digest } = env()
  const queues = { editions: openQueue(QUEUES.editions, redis), deliveries: openQueue(QUEUES.deliveries, redis) }
  const jobs = digestJobs(queues.editions, queues.deliveries)
  // The digest has SMTP connections of its own, so a confirmation never waits behind it.
  const transport = createTransporter({
    maxConnections: digest.smtpConnections,
    paces: digestRoutePaces(payload),
    ownThread: true,
  })
  const workers = [
    startEditionsWorker(payload, redis, jobs),
    startDeliveriesWorker(
      {
        payload,
        transport,
        slots: pLimit(digest.smtpConnections),
        progress: new BatchProgress(redis),
        warmup: new Warmup(payload, redis),
        templates: new EditionTemplates(payload),
        onEditionDelivered: (editionId) => finalizeEdition(payload, editionId),
      },
      redis,
    ),
  ]
  const stopReconciler = reconciler
    ? startReconciler(payload, queues, jobs, digest.reconcileIntervalMs)
    : async () => undefined
  return {
    jobs,
    stop: async () => {
      await stopReconciler()
      // close() lets the jobs in hand finish; a job cut off by a harder stop is retried.
      await Promise.all(workers.map((worker) => worker.close()))
      await Promise.all(Object.values(queues).map((queue) => queue.close()))
      transport.close()
    },
  }
}
