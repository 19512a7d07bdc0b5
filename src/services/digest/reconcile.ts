import type { Payload } from 'payload'

import type { Edition } from '@/src/payload-types'
import type { DigestJobs } from '@/src/services/digest/jobs'

/**
 * The database is the source of truth and the queues are disposable: this compares the
 * two and enqueues whatever the database says is unfinished. Enqueueing uses deterministic
 * job ids, so work that is still queued is not added twice; it is safe on every worker,
 * at start and every few minutes, and after Redis lost everything.
 */
export type ReconcileReport = {
  scheduledDue: number
  sendsResumed: number
  batchesEnqueued: number
  finalizing: number
}

export async function reconcile(payload: Payload, jobs: DigestJobs, now = new Date()): Promise<ReconcileReport> {
  const report: ReconcileReport = { scheduledDue: 0, sendsResumed: 0, batchesEnqueued: 0, finalizing: 0 }

  const { docs: due } = await payload.find({
    collection: 'editions',
    where: { and: [{ status: { equals: 'scheduled' } }, { scheduledFor: { less_than_equal: now.toISOString() } }] },
    select: { status: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  for (const edition of due) {
    await jobs.send(edition.id)
    report.scheduledDue++
  }

  const { docs: sending } = await payload.find({
    collection: 'editions',
    where: { status: { equals: 'sending' } },
    select: { stats: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  for (const edition of sending) {
    const queued = await requeueSending(payload, jobs, edition)
    report.sendsResumed += queued.sendsResumed
    report.batchesEnqueued += queued.batchesEnqueued
    report.finalizing += queued.finalizing
  }
  return report
}

/**
 * Enqueues what the database says one sending edition still needs: the fan-out if it was cut
 * short, every batch not done, or, all done, the finish. The reconciler runs it for every
 * sending edition; an admin resuming a paused one runs it at once.
 */
export async function requeueSending(
  payload: Payload,
  jobs: DigestJobs,
  edition: Pick<Edition, 'id' | 'stats'>,
): Promise<Omit<ReconcileReport, 'scheduledDue'>> {
  const queued = { sendsResumed: 0, batchesEnqueued: 0, finalizing: 0 }
  // Not yet rendered or fanned out completely: the send job picks up where it stopped.
  if (typeof edition.stats?.recipients !== 'number') {
    await jobs.send(edition.id)
    queued.sendsResumed++
  }
  const { docs: open } = await payload.find({
    collection: 'deliveries',
    where: { and: [{ edition: { equals: edition.id } }, { status: { not_equals: 'done' } }] },
    select: { batch: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  for (const batch of open) {
    await jobs.deliverBatch({ editionId: edition.id, batch: batch.batch })
    queued.batchesEnqueued++
  }
  if (open.length === 0 && typeof edition.stats?.recipients === 'number') {
    await jobs.finalize(edition.id)
    queued.finalizing++
  }
  return queued
}
