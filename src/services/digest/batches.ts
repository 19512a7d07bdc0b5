import type { Payload, Where } from 'payload'

import type { Delivery } from '@/src/payload-types'
import { idOf, type RecordId } from '@/src/services/platform/records'

/**
 * Delivery batches in the database: who is in each, who holds it, what became of each
 * reader. A batch is the unit the database records; the lease keeps two workers from
 * sending the same batch at once even when Redis (and with it every job lock) is lost.
 *
 * The worker's writes here go through `payload.db.updateOne`, Payload's own adapter call
 * (the same on SQLite and MongoDB), with only the fields that change: `payload.update`
 * passes the whole document down and rewrites the batch's 200 membership rows on every
 * write (measured: 17 ms against 1 ms per write). The collection has no hooks to skip.
 */

export type ReaderOutcome = {
  status: 'sent' | 'failed' | 'skipped' | 'retrying'
  attempts: number
  at: string
  /** Why it failed or waits, without any address. */
  error?: string
  /** Failed because the address was refused: counted as a bounce. */
  bounce?: boolean
}

export type Outcomes = Record<string, ReaderOutcome>

/** A batch's outcomes settle on these; `retrying` still owes the reader a message. */
export const isSettled = (outcome: ReaderOutcome | undefined) => outcome !== undefined && outcome.status !== 'retrying'

export const LEASE_MS = 30_000

export class LeaseHeldError extends Error {
  constructor(readonly until: Date) {
    super(`another worker is sending this batch until ${until.toISOString()}`)
    this.name = 'LeaseHeldError'
  }
}

/**
 * This worker's renewals fell behind (an event-loop stall, the database away), so its lease
 * may have ended and another worker may be sending the batch: it stops sending and saves
 * nothing (what it sent is in Redis, recorded before each next message).
 */
export class LeaseLostError extends Error {
  constructor() {
    super('this worker may have lost the batch lease (its renewals fell behind); it stopped sending the batch')
    this.name = 'LeaseLostError'
  }
}

export const membersOf = (batch: Pick<Delivery, 'subscribers'>): RecordId[] =>
  (batch.subscribers ?? []).map((ref) => idOf(ref))

export async function findBatch(payload: Payload, editionId: RecordId, batch: number): Promise<Delivery | undefined> {
  const { docs } = await payload.find({
    collection: 'deliveries',
    where: { and: [{ edition: { equals: editionId } }, { batch: { equals: batch } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return docs[0]
}

/**
 * Takes the batch for `owner` unless another owner's lease is still running (or it is done): one atomic
 * conditional update (`options.atomic`, the compare-and-set Payload itself uses to reserve
 * password resets, on every adapter). One job per batch (deterministic job ids, BullMQ's
 * job lock) keeps takers apart while Redis is whole; the lease keeps them apart after Redis
 * lost its jobs and locks and the reconciler re-enqueued a batch a live worker still sends.
 */
export async function takeLease(payload: Payload, batch: Delivery, owner: string, now = Date.now()): Promise<Delivery> {
  await payload.db.updateOne({
    collection: 'deliveries',
    where: {
      and: [
        { id: { equals: batch.id } },
        { status: { not_equals: 'done' } },
        {
          or: [
            { leaseOwner: { exists: false } },
            { leaseOwner: { equals: null } },
            { leaseOwner: { equals: owner } },
            { leaseExpiresAt: { less_than_equal: new Date(now).toISOString() } },
          ],
        },
      ],
    },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now + LEASE_MS).toISOString(), status: 'sending' },
    options: { atomic: true },
    returning: false,
  } as Parameters<Payload['db']['updateOne']>[0])
  const current = {
    ...batch,
    ...(await payload.findByID({
      collection: 'deliveries',
      id: batch.id,
      depth: 0,
      overrideAccess: true,
      select: { leaseOwner: true, leaseExpiresAt: true, status: true, outcomes: true },
    })),
  }
  // Finished meanwhile by whoever held it: the caller sees `done` and leaves it.
  if (current.status !== 'done' && current.leaseOwner !== owner)
    throw new LeaseHeldError(new Date(current.leaseExpiresAt ?? now + LEASE_MS))
  return current
}

function write(payload: Payload, id: RecordId, data: Partial<Delivery>, where?: Where) {
  return payload.db.updateOne({
    collection: 'deliveries',
    ...(where ? { where: { and: [{ id: { equals: id } }, where] } } : { id }),
    data,
    returning: false,
  } as Parameters<Payload['db']['updateOne']>[0])
}

export async function renewLease(payload: Payload, batchId: RecordId, owner: string, now = Date.now()): Promise<void> {
  await write(
    payload,
    batchId,
    { leaseExpiresAt: new Date(now + LEASE_MS).toISOString() },
    { leaseOwner: { equals: owner } },
  )
}

/** Gives the batch back unfinished, if `owner` still holds it, so the next try need not wait out the lease. */
export async function releaseLease(payload: Payload, batchId: RecordId, owner: string): Promise<void> {
  await write(
    payload,
    batchId,
    { leaseOwner: null, leaseExpiresAt: null, status: 'queued' },
    { leaseOwner: { equals: owner } },
  )
}

export type Counts = { sent: number; failed: number; skipped: number }

/** How many readers of a batch were sent, failed and skipped. */
export function countOutcomes(outcomes: Outcomes): Counts {
  const values = Object.values(outcomes)
  return {
    sent: values.filter((o) => o.status === 'sent').length,
    failed: values.filter((o) => o.status === 'failed').length,
    skipped: values.filter((o) => o.status === 'skipped').length,
  }
}

/** Writes every outcome in one update and hands the batch back: done, or queued for a retry. */
export async function saveOutcomes(
  payload: Payload,
  batchId: RecordId,
  outcomes: Outcomes,
  done: boolean,
  routes?: Record<string, number>,
): Promise<void> {
  await write(payload, batchId, {
    outcomes,
    ...(routes ? { routes } : {}),
    ...countOutcomes(outcomes),
    status: done ? 'done' : 'queued',
    leaseOwner: null,
    leaseExpiresAt: null,
    ...(done ? { finishedAt: new Date().toISOString() } : {}),
  })
}

export async function countUnfinishedBatches(payload: Payload, editionId: RecordId): Promise<number> {
  const { totalDocs } = await payload.count({
    collection: 'deliveries',
    where: { and: [{ edition: { equals: editionId } }, { status: { not_equals: 'done' } }] },
    overrideAccess: true,
  })
  return totalDocs
}

export type EditionTotals = Counts & { batches: number; batchesDone: number; readersInBatches: number }

/** An edition's batches, summed: its recipients once fanned out, the counts for its stats and its progress bar. */
export async function editionTotals(payload: Payload, editionId: RecordId): Promise<EditionTotals> {
  const { docs } = await payload.find({
    collection: 'deliveries',
    where: { edition: { equals: editionId } },
    select: { status: true, size: true, sent: true, failed: true, skipped: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const sum = (key: keyof Counts | 'size') => docs.reduce((total, doc) => total + (doc[key] ?? 0), 0)
  return {
    sent: sum('sent'),
    failed: sum('failed'),
    skipped: sum('skipped'),
    batches: docs.length,
    batchesDone: docs.filter((doc) => doc.status === 'done').length,
    readersInBatches: sum('size'),
  }
}
