import type { Queue } from 'bullmq'
import type { Payload, PayloadRequest } from 'payload'

import { transactionalQueue, type TransactionalJob } from '@/src/services/platform/queues'
import { type RecordId } from '@/src/services/platform/records'
import type { SendOutcome } from '@/src/services/platform/mailer'
import { logger } from './logger'

/**
 * Transactional email is owed by the database, not by Redis: each message is recorded in the
 * outbox before it is queued, the worker settles the record when it has sent it (or found
 * it no longer applies), and whatever is still owed is queued again at the worker's start
 * and every reconcile interval. A Redis that lost everything, or was down when a reader
 * signed up or an editor decided, loses no email; the one duplicate possible is a message the
 * SMTP server accepted in the instant before its record was settled.
 */

const jobIdOf = (mailId: RecordId) => `mail-${mailId}`

/** Settled records are kept this long, for the admin to look at. */
const KEEP_SETTLED_MS = 7 * 24 * 3600 * 1000

/** Records the email as owed, then queues it. A queue that is down is not an error here: the worker will find the record. */
export async function queueMail(payload: Payload, job: TransactionalJob, req?: PayloadRequest): Promise<void> {
  // A new record, so any mailId the caller passed is not this email's.
  const { mailId: _previous, ...data } = job
  const record = await payload.create({
    collection: 'mail-outbox',
    data: { kind: data.kind, job: data, status: 'queued' },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await transactionalQueue()
    .add(data.kind, { ...data, mailId: record.id }, { jobId: jobIdOf(record.id) })
    .catch((error: Error) =>
      logger.warn(
        { err: error.message, mail: record.id, kind: data.kind },
        'email recorded but not queued yet; the worker will queue it',
      ),
    )
}

export class OutboxRecordNotYetError extends Error {
  constructor(mailId: RecordId) {
    super(`the outbox record ${mailId} is not there (yet); the job is tried again`)
  }
}

/** Sends an owed email once: a record already settled (a second trigger) is not sent again. */
export async function sendOwedMail(
  payload: Payload,
  job: TransactionalJob,
  send: (job: TransactionalJob) => Promise<SendOutcome>,
): Promise<SendOutcome> {
  const record =
    job.mailId === undefined
      ? null
      : await payload
          .findByID({ collection: 'mail-outbox', id: job.mailId, depth: 0, overrideAccess: true })
          .catch(() => null)
  // Queued from inside a write that has not committed yet (MongoDB runs hooks in the write's
  // transaction): the job is tried again shortly; if the write was rolled back, nothing is owed.
  if (job.mailId !== undefined && !record) throw new OutboxRecordNotYetError(job.mailId)
  if (record && record.status !== 'queued') return { sent: false, reason: `already ${record.status}` }
  const outcome = await send(job)
  if (record) {
    await payload.update({
      collection: 'mail-outbox',
      id: record.id,
      data: {
        status: outcome.sent ? 'sent' : 'skipped',
        outcome: outcome.sent ? null : outcome.reason,
        settledAt: new Date().toISOString(),
      },
      overrideAccess: true,
      depth: 0,
    })
  }
  return outcome
}

/** Queues again what is owed (same job ids: nothing still queued is added twice) and forgets old settled records. */
export async function reconcileMailOutbox(
  payload: Payload,
  queue: Queue<TransactionalJob>,
  now = Date.now(),
): Promise<number> {
  const { docs } = await payload.find({
    collection: 'mail-outbox',
    where: { status: { equals: 'queued' } },
    sort: 'createdAt',
    limit: 1_000,
    depth: 0,
    overrideAccess: true,
  })
  for (const record of docs) {
    const job = record.job as TransactionalJob
    await queue.add(job.kind, { ...job, mailId: record.id }, { jobId: jobIdOf(record.id) })
  }
  await payload.delete({
    collection: 'mail-outbox',
    where: {
      and: [
        { status: { not_equals: 'queued' } },
        { settledAt: { less_than: new Date(now - KEEP_SETTLED_MS).toISOString() } },
      ],
    },
    overrideAccess: true,
  })
  return docs.length
}
