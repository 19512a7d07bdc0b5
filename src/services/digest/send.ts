import type { Payload } from 'payload'

import { PIPELINE_CONTEXT } from '@/src/services/digest/editionWorkflow'
import { canStartSending, type EditionStatus } from '@/src/services/digest/editionWorkflow'
import type { Edition } from '@/src/payload-types'
import type { DigestJobs } from '@/src/services/digest/jobs'
import { TemplateError } from '@/emails/render'
import { requireSenderChecks, SenderChecksFailedError } from '../deliverability/sendGate'
import { TrackingRefusedError } from '../insights/trackingGuard'
import { logger } from '../platform/logger'
import { idOf, type RecordId } from '@/src/services/platform/records'
import { editionTotals, membersOf } from './batches'
import { EmptyEditionError, loadEditionContent } from './content'
import { newPlaceholderKey } from './message'
import { renderForEveryReader } from './renderForReaders'
import { letterHtml } from './letter'
import { storySetOf, EVERY_STORY, type Story } from './selections'
import { EditionVariantRenders } from './variants'
import { notPausedAt } from '../newsletter/pause'
import { mindfulMoments } from '../newsletter/newsletters'

/**
 * Sending an edition: render it once and freeze the result, then fan out the active
 * readers into batches (fixed in the database), one deliver-batch job each. Every step can
 * run again after a crash and adds nothing twice.
 */

/** A scheduled edition counts as due this long before its time (clocks differ a little). */
const DUE_SLACK_MS = 5_000

/** Subscriber ids read per query while fanning out; batches are cut from these pages. */
const FAN_OUT_PAGE = 2_000

const pipeline = { [PIPELINE_CONTEXT]: true }

export class EditionStateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EditionStateError'
  }
}

/** "Send now": the edition is sending from this moment, in the database first. */
export async function startSending(payload: Payload, editionId: RecordId, jobs: DigestJobs): Promise<Edition> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  if (edition.status !== 'sending') {
    if (!canStartSending(edition.status as EditionStatus))
      throw new EditionStateError(`This edition is ${edition.status}; it cannot be sent again.`)
    if ((edition.articles ?? []).length === 0 && !letterHtml(edition.letter)) throw new EmptyEditionError()
    await markSending(payload, edition)
  }
  // The database already says "sending": if Redis is away now, the reconciler enqueues it.
  await jobs
    .send(editionId)
    .catch((error: Error) =>
      logger.warn(
        { edition: editionId, err: error.message },
        'the send job could not be queued yet; the reconciler will',
      ),
    )
  return payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
}

async function markSending(payload: Payload, edition: Edition) {
  await payload.update({
    collection: 'editions',
    id: edition.id,
    data: {
      status: 'sending',
      sendError: null,
      stats: { ...edition.stats, startedAt: new Date().toISOString() },
      // A failed edition reached no reader (markFailed sees to that): render it again, as it is now.
      ...(edition.status === 'failed'
        ? {
            snapshot: { subject: null, html: null, text: null, renderedAt: null, renderMs: null, placeholderKey: null },
          }
        : {}),
    },
    overrideAccess: true,
    context: pipeline,
    depth: 0,
  })
}

export type SendStep = 'not-due' | 'not-sending' | 'failed' | 'fanned-out' | 'already-fanned-out' | 'sent'

/** The send job: renders and freezes once, then fans out (or resumes a fan-out). */
export async function sendEdition(
  payload: Payload,
  editionId: RecordId,
  jobs: DigestJobs,
  batchSize: number,
): Promise<SendStep> {
  let edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  if (edition.status === 'sent') return 'sent'
  if (edition.status === 'scheduled') {
    if (!edition.scheduledFor || Date.parse(edition.scheduledFor) > Date.now() + DUE_SLACK_MS) return 'not-due'
    await markSending(payload, edition)
  } else if (edition.status !== 'sending') {
    // A stale trigger (the edition was unscheduled or failed since): the database decides.
    return 'not-sending'
  }

  // Not rendered yet: nobody has it, so the sender checks may still hold it back (a resumed send is never stopped).
  if (!edition.snapshot?.html) {
    try {
      await requireSenderChecks(payload, edition)
      await freezeSnapshot(payload, editionId)
    } catch (error) {
      if (!(
        error instanceof EmptyEditionError ||
        error instanceof TemplateError ||
        error instanceof SenderChecksFailedError ||
        error instanceof TrackingRefusedError
      ))
        throw error
      await markFailed(payload, editionId, error.message)
      return 'failed'
    }
  }
  edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  if (typeof edition.stats?.recipients === 'number') return 'already-fanned-out'
  await fanOut(payload, edition, jobs, batchSize)
  return 'fanned-out'
}

/** The one render of the edition, kept as what readers received, with the stories readers' topics pick from. */
async function freezeSnapshot(payload: Payload, editionId: RecordId) {
  const content = await loadEditionContent(payload, editionId)
  const placeholderKey = newPlaceholderKey()
  const { email, renderMs } = await renderForEveryReader(payload, editionId, content, placeholderKey)
  const stories: Story[] = content.articles.map((article) => ({
    article: article.id,
    category: idOf(article.category) ?? null,
  }))
  await payload.update({
    collection: 'editions',
    id: editionId,
    data: {
      snapshot: {
        subject: email.subject,
        html: email.html,
        text: email.text,
        renderedAt: new Date().toISOString(),
        renderMs,
        placeholderKey,
        stories,
      },
    },
    overrideAccess: true,
    context: pipeline,
    depth: 0,
  })
  logger.info({ edition: editionId, renderMs }, 'edition rendered once and frozen')
}

/** Ids compare as numbers on SQLite and as equal-length hex strings (ObjectIds) on MongoDB. */
function greatest(ids: RecordId[]): RecordId | undefined {
  return ids.reduce<RecordId | undefined>((max, id) => (max === undefined || id > max ? id : max), undefined)
}

/**
 * Pages the newsletter's active readers (less those on a break; for an edition narrowed to
 * some topics, only readers who chose one of them) by id (a cursor, so readers joining or leaving meanwhile shift
 * nothing) into batches. A fan-out cut off halfway continues after its last batch.
 */
async function fanOut(payload: Payload, edition: Edition, jobs: DigestJobs, batchSize: number) {
  const { docs: lastBatches } = await payload.find({
    collection: 'deliveries',
    where: { edition: { equals: edition.id } },
    sort: '-batch',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  // Readers on a break when the edition started are left out (every batch judges by the same moment).
  const startedAt = edition.stats?.startedAt ?? new Date().toISOString()
  // Readers' topics pick from the stories as frozen; each distinct set is rendered before a batch needs it.
  const stories = (edition.snapshot?.stories as Story[] | null) ?? []
  const variants = new EditionVariantRenders(payload, edition)
  const newsletter = idOf(edition.newsletter) ?? (await mindfulMoments(payload)).id
  const narrowedTo = (edition.topics ?? []).map((topic) => idOf(topic))
  let batch = lastBatches[0] ? lastBatches[0].batch + 1 : 0
  let cursor = lastBatches[0] ? greatest(membersOf(lastBatches[0])) : undefined

  for (;;) {
    const { docs } = await payload.find({
      collection: 'subscribers',
      where: {
        and: [
          { status: { equals: 'active' } },
          { newsletters: { equals: newsletter } },
          ...(narrowedTo.length > 0 ? [{ topics: { in: narrowedTo } }] : []),
          notPausedAt(startedAt),
          ...(cursor === undefined ? [] : [{ id: { greater_than: cursor } }]),
        ],
      },
      sort: 'id',
      limit: FAN_OUT_PAGE,
      pagination: false,
      select: { topics: true },
      depth: 0,
      overrideAccess: true,
    })
    const ids = docs.map((doc) => doc.id)
    // Readers who take the whole edition (most) are not listed: a batch names only the others' stories.
    const selections = new Map<string, string>()
    for (const doc of docs) {
      const key = storySetOf(
        stories,
        (doc.topics ?? []).map((topic) => idOf(topic)),
      )
      if (key === EVERY_STORY) continue
      await variants.ensure(key)
      selections.set(String(doc.id), key)
    }
    for (let at = 0; at < ids.length; at += batchSize) {
      const subscriberIds = ids.slice(at, at + batchSize)
      const batchSelections = Object.fromEntries(
        subscriberIds.flatMap((id) => (selections.has(String(id)) ? [[String(id), selections.get(String(id))]] : [])),
      )
      // The unique (edition, batch) index stops a second fan-out racing this one.
      await payload.create({
        collection: 'deliveries',
        data: {
          edition: edition.id,
          batch,
          subscribers: subscriberIds,
          size: subscriberIds.length,
          status: 'queued',
          selections: batchSelections,
        },
        depth: 0,
        overrideAccess: true,
      })
      await jobs.deliverBatch({ editionId: edition.id, batch })
      batch++
    }
    if (ids.length < FAN_OUT_PAGE) break
    cursor = ids[ids.length - 1]
  }

  const totals = await editionTotals(payload, edition.id)
  const recipients = totals.readersInBatches
  await payload.update({
    collection: 'editions',
    id: edition.id,
    data: { stats: { ...edition.stats, recipients } },
    overrideAccess: true,
    context: pipeline,
    depth: 0,
  })
  // A fan-out cut off between creating a batch and enqueueing it left that batch without a
  // job: the reconciler, which runs when a worker starts, enqueues it.
  if (totals.batchesDone === totals.batches) await jobs.finalize(edition.id)
  logger.info({ edition: edition.id, recipients, batches: totals.batches }, 'edition fanned out')
}

/** A send that cannot go ahead (nothing to send, a broken template) before any reader got it. */
export async function markFailed(payload: Payload, editionId: RecordId, reason: string): Promise<boolean> {
  const { totalDocs } = await payload.count({
    collection: 'deliveries',
    where: { edition: { equals: editionId } },
    overrideAccess: true,
  })
  // Once readers are in batches, the edition finishes; it never turns "failed" halfway.
  if (totalDocs > 0) return false
  await payload.update({
    collection: 'editions',
    id: editionId,
    data: { status: 'failed', sendError: reason.slice(0, 500) },
    overrideAccess: true,
    context: pipeline,
    depth: 0,
  })
  logger.warn({ edition: editionId, reason }, 'edition failed before anyone was sent it')
  return true
}
