import type { LimitFunction } from 'p-limit'
import type { Payload } from 'payload'

import { greetingName } from '@/src/services/newsletter/readerNames'
import type { Subscriber } from '@/src/payload-types'
import { env } from '@/src/env'
import { logger } from '../platform/logger'
import { unsubscribeToken } from '../newsletter/links'
import {
  countOutcomes,
  countUnfinishedBatches,
  findBatch,
  isSettled,
  LEASE_MS,
  LeaseLostError,
  membersOf,
  releaseLease,
  renewLease,
  saveOutcomes,
  takeLease,
  type Outcomes,
  type ReaderOutcome,
} from './batches'
import { applyBrake } from '../deliverability/brake'
import type { Warmup } from '../deliverability/warmup'
import { recordBounce } from './bounces'
import { isPausedAt } from '../newsletter/pause'
import { readsNewsletter } from '../newsletter/newsletters'
import { personalize, stableMessageIdLocalPart } from './message'
import { classifySendError } from '../platform/smtpErrors'
import type { MailRoutes } from '../platform/smtpRoutes'
import type { BatchProgress, RecordedOutcome } from './progress'
import type { EditionTemplate, EditionTemplates } from './templates'
import { NO_STORY, NOTHING_IN_TOPICS } from './selections'
import type { RecordId } from '@/src/services/platform/records'

/** Why a reader who left the edition's newsletter after the fan-out got nothing. */
export const LEFT_THE_NEWSLETTER = 'left this newsletter'

/**
 * Sends one batch of an edition: each active reader of the batch who has not been served
 * gets one message addressed to them alone; every outcome is recorded.
 */

export type Deliverer = {
  payload: Payload
  /** The SMTP routes, tried in order; the one that took a message is counted for its batch. */
  transport: MailRoutes
  /** One slot per open SMTP connection: a slot is held from sending until the outcome is recorded. */
  slots: LimitFunction
  progress: BatchProgress
  /** Today's allowance under WARMUP_PLAN, shared by every worker. */
  warmup: Warmup
  templates: EditionTemplates
  /** Called when the last batch of an edition is done. */
  onEditionDelivered: (editionId: RecordId) => Promise<unknown>
}

export type BatchAttempt = {
  editionId: RecordId
  batch: number
  /** Unique per run of a job: the lease holder. */
  owner: string
  /** The last try: transient failures become final failures instead of a retry. */
  lastAttempt: boolean
}

export type BatchResult = {
  sent: number
  failed: number
  skipped: number
  retrying: number
  alreadyDone?: boolean
  /** The edition was paused or cancelled: this batch stopped (or never started), the rest stays owed. */
  held?: boolean
}

/** How often a running batch looks whether its edition is still sending (the brake, an admin's cancel). */
const STATUS_CHECK_MS = 1_000

/** Some readers met a passing problem (4xx, a lost connection): the job retries them later. */
export class TransientBatchError extends Error {
  constructor(
    readonly retrying: number,
    firstError: string,
  ) {
    super(`${retrying} message(s) could not be sent yet (${firstError}); retrying later`)
    this.name = 'TransientBatchError'
  }
}

const LEASE_RENEW_MS = 10_000
/**
 * No message starts with less than this left of the lease: normally 20–30 s are left; this
 * little means two renewals are overdue, and once the lease ends another worker may take
 * the batch and send the rest.
 */
const LEASE_MARGIN_MS = 10_000

type Reader = Pick<Subscriber, 'id' | 'email' | 'status' | 'firstName' | 'linkKey' | 'pausedUntil' | 'newsletters'>

async function loadReaders(payload: Payload, ids: RecordId[]): Promise<Map<string, Reader>> {
  if (ids.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'subscribers',
    where: { id: { in: ids } },
    select: { email: true, status: true, firstName: true, linkKey: true, pausedUntil: true, newsletters: true },
    limit: ids.length,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return new Map(docs.map((doc) => [String(doc.id), doc]))
}

/** Whether the edition is still sending, asked of the database at most once a second. */
function sendingCheck(payload: Payload, editionId: RecordId): () => Promise<boolean> {
  let answer: Promise<boolean> | undefined
  let askedAt = 0
  return () => {
    if (!answer || Date.now() - askedAt >= STATUS_CHECK_MS) {
      askedAt = Date.now()
      answer = payload
        .findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true, select: { status: true } })
        .then((edition) => edition.status === 'sending')
    }
    return answer
  }
}

export async function deliverBatch(deliverer: Deliverer, attempt: BatchAttempt): Promise<BatchResult> {
  const { payload, progress } = deliverer
  const { editionId, batch: batchNumber, owner } = attempt
  const stillSending = sendingCheck(payload, editionId)
  // A paused or cancelled edition sends nothing; its batches stay owed until an admin resumes it.
  if (!(await stillSending())) return { sent: 0, failed: 0, skipped: 0, retrying: 0, held: true }
  const found = await findBatch(payload, editionId, batchNumber)
  if (!found) throw new Error(`edition ${editionId} has no batch ${batchNumber}`)
  // A batch that is done is never leased again: takeLease hands it back as it is.
  const takenAt = Date.now()
  const batch = await takeLease(payload, found, owner, takenAt)
  if (batch.status === 'done')
    return { ...countOutcomes((batch.outcomes as Outcomes | null) ?? {}), retrying: 0, alreadyDone: true }
  // The lease is surely ours until `heldUntil`: a renewal counts from when it was asked for, and
  // none is asked for once the lease may have ended (another worker may hold it by then).
  let heldUntil = takenAt + LEASE_MS
  const renewal = setInterval(() => {
    const askedAt = Date.now()
    if (askedAt >= heldUntil) return
    renewLease(payload, batch.id, owner, askedAt).then(
      () => (heldUntil = Math.max(heldUntil, askedAt + LEASE_MS)),
      (error: Error) => logger.warn({ err: error.message, batch: batch.id }, 'could not renew a batch lease'),
    )
  }, LEASE_RENEW_MS)
  const checkLease = () => {
    if (Date.now() > heldUntil - LEASE_MARGIN_MS) throw new LeaseLostError()
  }
  try {
    const whole = await deliverer.templates.get(editionId)
    if (!whole) throw new Error(`edition ${editionId} has no frozen snapshot to send`)
    // Readers whose topics pick some stories get that render; NO_STORY or an emptied render: nothing this time.
    const selections = (batch.selections as Record<string, string> | null) ?? {}
    const variants = new Map<string, EditionTemplate | null>()
    for (const key of new Set(Object.values(selections)))
      variants.set(key, key === NO_STORY ? null : await deliverer.templates.get(editionId, key))
    const templateFor = (id: string) => (id in selections ? (variants.get(selections[id]) ?? null) : whole)
    await progress.begin(editionId, batchNumber)
    const members = membersOf(batch)
    const readers = await loadReaders(payload, members)
    const outcomes: Outcomes = { ...((batch.outcomes as Outcomes | null) ?? {}) }
    for (const [id, recorded] of await progress.read(editionId, batchNumber)) {
      if (!isSettled(outcomes[id]))
        outcomes[id] = {
          status: recorded === 'sent' ? 'sent' : 'failed',
          attempts: (outcomes[id]?.attempts ?? 0) + 1,
          at: new Date().toISOString(),
          bounce: recorded === 'bounce' || undefined,
        }
    }
    const now = () => new Date().toISOString()
    // Redis trouble mid-batch does not stop the sending: the outcomes reach the database at the end.
    const record = (id: RecordId, outcome: RecordedOutcome) =>
      progress
        .record(editionId, batchNumber, id, outcome)
        .catch((error: Error) =>
          logger.warn({ err: error.message, batch: batch.id }, 'could not record progress in Redis'),
        )

    // Under a warm-up plan only today's allowance goes; the batch keeps the rest for tomorrow, in order.
    // Active, still in the newsletter and not on a break when the edition started (a reader may pause or leave after the fan-out).
    const editionStart = new Date(whole.startedAt)
    const whyNot = (reader: Reader | undefined): string | undefined => {
      if (reader?.status !== 'active') return 'not subscribed'
      if (!readsNewsletter(reader, whole.newsletter.id)) return LEFT_THE_NEWSLETTER
      if (isPausedAt(reader, editionStart)) return 'paused'
    }
    const receives = (reader: Reader | undefined): reader is Reader => whyNot(reader) === undefined
    const owes = (id: string) => receives(readers.get(id)) && templateFor(id) !== null
    const owed = members.map(String).filter((id) => !isSettled(outcomes[id]) && owes(id))
    const granted = await deliverer.warmup.reserve(owed.length)
    const today = granted < owed.length ? new Set(owed.slice(0, granted)) : undefined
    // Messages per SMTP route: recorded on the batch, not per reader.
    const routes: Record<string, number> = { ...((batch.routes as Record<string, number> | null) ?? {}) }
    // Set when a message did not start (the edition stopped sending, or today's warm-up allowance is out): the batch is not done.
    let held = false
    // allSettled, not all: no message may still be on its way when the batch is handed back.
    const results = await Promise.allSettled(
      members.map((memberId) =>
        deliverer.slots(async () => {
          const id = String(memberId)
          if (isSettled(outcomes[id])) return
          checkLease()
          if ((today && !today.has(id) && owes(id)) || !(await stillSending())) {
            held = true
            return
          }
          const reader = readers.get(id)
          // Gone (erased), no longer active, out of the newsletter or paused since the fan-out: nothing is sent.
          const skipped = whyNot(reader)
          if (skipped !== undefined || !reader) {
            outcomes[id] = {
              status: 'skipped',
              attempts: outcomes[id]?.attempts ?? 0,
              at: now(),
              ...(skipped === 'not subscribed' ? {} : { error: skipped }),
            }
            return
          }
          const template = templateFor(id)
          if (!template) {
            outcomes[id] = {
              status: 'skipped',
              attempts: outcomes[id]?.attempts ?? 0,
              at: now(),
              error: NOTHING_IN_TOPICS,
            }
            return
          }
          const attempts = (outcomes[id]?.attempts ?? 0) + 1
          const messageId = stableMessageIdLocalPart(env().payloadSecret, template.number, reader.id)
          const raw = personalize(template.message, {
            token: unsubscribeToken(reader),
            address: reader.email,
            messageId,
            name: greetingName(reader.firstName),
          })
          try {
            // The Message-ID is in the raw message; given here too, nodemailer need not invent one.
            const { route } = await deliverer.transport.sendMail({
              envelope: { from: template.envelopeFrom, to: [reader.email] },
              raw,
              messageId: `<${messageId}@${template.message.messageIdDomain}>`,
            })
            routes[route] = (routes[route] ?? 0) + 1
          } catch (error) {
            const failure = classifySendError(error)
            if (failure.kind === 'transient') {
              outcomes[id] = { status: 'retrying', attempts, at: now(), error: failure.error }
              return
            }
            outcomes[id] = {
              status: 'failed',
              attempts,
              at: now(),
              error: failure.error,
              bounce: failure.kind === 'bounce' || undefined,
            }
            await record(reader.id, failure.kind)
            if (failure.kind === 'bounce') await recordBounce(payload, reader.id)
            return
          }
          outcomes[id] = { status: 'sent', attempts, at: now() }
          // Recorded before this slot (and so this connection) carries another message.
          await record(reader.id, 'sent')
        }),
      ),
    )
    const broken = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')
    // Once the lease may be another worker's, the batch document is theirs to write.
    if (broken?.reason instanceof LeaseLostError) throw broken.reason
    if (broken) {
      await saveOutcomes(payload, batch.id, outcomes, false, routes)
      throw broken.reason
    }
    checkLease()
    if (held) {
      // Stopped by the brake or an admin: what went out is kept, the rest of the batch stays owed.
      await saveOutcomes(payload, batch.id, outcomes, false, routes)
      return { ...countOutcomes(outcomes), retrying: 0, held: true }
    }

    const waiting = Object.values(outcomes).filter((o) => o.status === 'retrying')
    if (waiting.length > 0 && !attempt.lastAttempt) {
      await saveOutcomes(payload, batch.id, outcomes, false, routes)
      throw new TransientBatchError(waiting.length, waiting[0].error ?? 'unknown')
    }
    for (const outcome of waiting) Object.assign(outcome, { status: 'failed' } satisfies Partial<ReaderOutcome>)
    await saveOutcomes(payload, batch.id, outcomes, true, routes)
    await progress.clear(editionId, batchNumber)
    if ((await countUnfinishedBatches(payload, editionId)) === 0) await deliverer.onEditionDelivered(editionId)
    // With more to send, the brake weighs the edition's figures as they now stand.
    else await applyBrake(payload, editionId)
    return { ...countOutcomes(outcomes), retrying: 0 }
  } catch (error) {
    // Hand the batch back at once (the next try need not wait out the lease); what was sent is in Redis too.
    if (!(error instanceof TransientBatchError)) await releaseLease(payload, batch.id, owner).catch(() => undefined)
    throw error
  } finally {
    clearInterval(renewal)
  }
}
