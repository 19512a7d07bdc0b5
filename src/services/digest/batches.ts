import type { Payload } from 'payload'

import type { Delivery } from '../../payload-types'

/**
 * Delivery batches in the database: who is in each, who holds it, what became of each
 * reader. A batch is the unit the database records; the lease keeps two workers from
 * sending the same batch at once even when Redis (and with it every job lock) is lost.
 */

export type RecordId = string | number

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

const idOf = (value: unknown): RecordId => (value && typeof value === 'object' ? (value as { id: RecordId }).id : (value as RecordId))

export const membersOf = (batch: Pick<Delivery, 'subscribers'>): RecordId[] => (batch.subscribers ?? []).map(idOf)

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
 * Takes the batch for `owner`, unless another owner's lease is still running. This is not
 * a compare-and-set (the Local API has none): one job per batch (deterministic job ids,
 * BullMQ's job lock) keeps takers apart while Redis is whole; the lease covers the time
 * after Redis lost its jobs and locks, when the reconciler re-enqueues a batch that a live
 * worker is still sending. Reading back after the write drops a taker that lost a race.
 */
export async function takeLease(payload: Payload, batch: Delivery, owner: string, now = Date.now()): Promise<Delivery> {
  const held = batch.leaseOwner && batch.leaseOwner !== owner && batch.leaseExpiresAt && Date.parse(batch.leaseExpiresAt) > now
  if (held) throw new LeaseHeldError(new Date(batch.leaseExpiresAt!))
  await payload.update({
    collection: 'deliveries',
    id: batch.id,
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now + LEASE_MS).toISOString(), status: 'sending' },
    depth: 0,
    overrideAccess: true,
  })
  const taken = await payload.findByID({ collection: 'deliveries', id: batch.id, depth: 0, overrideAccess: true })
  if (taken.leaseOwner !== owner) throw new LeaseHeldError(new Date(taken.leaseExpiresAt ?? now + LEASE_MS))
  return taken
}

export async function renewLease(payload: Payload, batchId: RecordId, owner: string): Promise<void> {
  await payload.update({
    collection: 'deliveries',
    where: { and: [{ id: { equals: batchId } }, { leaseOwner: { equals: owner } }] },
    data: { leaseExpiresAt: new Date(Date.now() + LEASE_MS).toISOString() },
    depth: 0,
    overrideAccess: true,
  })
}

function counts(outcomes: Outcomes) {
  const values = Object.values(outcomes)
  return {
    sent: values.filter((o) => o.status === 'sent').length,
    failed: values.filter((o) => o.status === 'failed').length,
    skipped: values.filter((o) => o.status === 'skipped').length,
  }
}

/** Writes every outcome in one update and hands the batch back: done, or queued for a retry. */
export async function saveOutcomes(payload: Payload, batchId: RecordId, outcomes: Outcomes, done: boolean): Promise<void> {
  await payload.update({
    collection: 'deliveries',
    id: batchId,
    data: {
      outcomes,
      ...counts(outcomes),
      status: done ? 'done' : 'queued',
      leaseOwner: null,
      leaseExpiresAt: null,
      ...(done ? { finishedAt: new Date().toISOString() } : {}),
    },
    depth: 0,
    overrideAccess: true,
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
