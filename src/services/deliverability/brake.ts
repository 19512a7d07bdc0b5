import type { Payload } from 'payload'

import { env, type BrakeSettings } from '@/src/env'
import type { Edition } from '@/src/payload-types'
import { editionTotals } from '../digest/batches'
import type { DigestJobs } from '../digest/jobs'
import { PIPELINE_CONTEXT } from '../digest/editionWorkflow'
import { requeueSending } from '../digest/reconcile'
import { logger } from '../platform/logger'
import { queueMail } from '../platform/mailOutbox'
import type { RecordId } from '../platform/records'

/**
 * The brake: while an edition sends, its own complaints and hard bounces (as the provider
 * reports them) are weighed against the messages it sent. Past a threshold — 0.1 % complaints
 * by default, a third of Gmail's 0.3 % limit, or 5 % hard bounces — the edition pauses by
 * itself: no new message starts, nothing is lost (the batches keep who is still owed), the
 * edition says why with the figures, and every admin is told. An admin resumes it (what was
 * counted until then is forgiven; new complaints past the threshold pause it again) or cancels it.
 */

export type BrakeCounts = { sent: number; complaints: number; hardBounces: number }

const pipeline = { [PIPELINE_CONTEXT]: true }
const percent = (share: number) => `${(share * 100).toFixed(2).replace(/\.?0+$/, '')} %`

/** Why these figures pause an edition, or undefined when they do not. */
export function brakeReason(counts: BrakeCounts, settings: BrakeSettings = env().brake): string | undefined {
  if (counts.sent < settings.minMessages) return undefined
  const complaintShare = counts.complaints / counts.sent
  const bounceShare = counts.hardBounces / counts.sent
  const sent = counts.sent.toLocaleString('en')
  const many = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  if (complaintShare > settings.complaintRate)
    return `Paused by the brake: ${many(counts.complaints, 'spam complaint')} for ${sent} messages sent (${percent(complaintShare)}, above ${percent(settings.complaintRate)}).`
  if (bounceShare > settings.bounceRate)
    return `Paused by the brake: ${many(counts.hardBounces, 'hard bounce')} for ${sent} messages sent (${percent(bounceShare)}, above ${percent(settings.bounceRate)}).`
  return undefined
}

async function reportedCount(payload: Payload, editionId: RecordId, type: 'complaint' | 'hard-bounce') {
  const { totalDocs } = await payload.count({
    collection: 'email-events',
    where: { and: [{ edition: { equals: editionId } }, { type: { equals: type } }] },
    overrideAccess: true,
  })
  return totalDocs
}

/**
 * The edition's figures as the brake weighs them (what an admin forgave on resuming left out),
 * or undefined when nothing new was reported: the usual case, answered by two indexed counts
 * without summing the edition's batches.
 */
export async function brakeCounts(
  payload: Payload,
  edition: Pick<Edition, 'id' | 'brake'>,
): Promise<BrakeCounts | undefined> {
  const [complaints, hardBounces] = await Promise.all([
    reportedCount(payload, edition.id, 'complaint'),
    reportedCount(payload, edition.id, 'hard-bounce'),
  ])
  const counts = {
    complaints: complaints - (edition.brake?.complaintsForgiven ?? 0),
    hardBounces: hardBounces - (edition.brake?.bouncesForgiven ?? 0),
  }
  if (counts.complaints <= 0 && counts.hardBounces <= 0) return undefined
  return { sent: (await editionTotals(payload, edition.id)).sent, ...counts }
}

/**
 * Weighs a sending edition and pauses it when its figures say so; true when this call paused
 * it. Called when a batch ends and when the provider reports a complaint or a hard bounce.
 */
export async function applyBrake(payload: Payload, editionId: RecordId): Promise<boolean> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  if (edition.status !== 'sending') return false
  const counts = await brakeCounts(payload, edition)
  const reason = counts && brakeReason(counts)
  if (!reason) return false
  // Only a sending edition is paused, so of two judges at once (a webhook and a batch), one pauses it and tells the admins.
  const { docs } = await payload.update({
    collection: 'editions',
    where: { and: [{ id: { equals: editionId } }, { status: { equals: 'sending' } }] },
    data: { status: 'paused', sendError: reason, brake: { ...edition.brake, pausedAt: new Date().toISOString() } },
    overrideAccess: true,
    context: pipeline,
    depth: 0,
  })
  if (docs.length === 0) return false
  logger.warn({ edition: editionId, number: edition.number }, reason)
  const { docs: admins } = await payload.find({
    collection: 'users',
    where: { role: { equals: 'admin' } },
    select: { email: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  // One message per admin: each is addressed to one person alone.
  for (const admin of admins) await queueMail(payload, { kind: 'brake-engaged', editionId, userId: admin.id })
  return true
}

export class BrakeDecisionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BrakeDecisionError'
  }
}

/**
 * An admin's "go on": the edition sends again from where it stopped; the complaints and
 * bounces counted so far are forgiven (new ones past the threshold pause it again).
 */
export async function resumeEdition(
  payload: Payload,
  editionId: RecordId,
  admin: { email: string },
  jobs: DigestJobs,
): Promise<Edition> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  if (edition.status !== 'paused') throw new BrakeDecisionError(`This edition is ${edition.status}, not paused.`)
  const [complaints, hardBounces] = await Promise.all([
    reportedCount(payload, editionId, 'complaint'),
    reportedCount(payload, editionId, 'hard-bounce'),
  ])
  const resumed = await payload.update({
    collection: 'editions',
    id: editionId,
    data: {
      status: 'sending',
      sendError: null,
      brake: {
        ...edition.brake,
        complaintsForgiven: complaints,
        bouncesForgiven: hardBounces,
        decision: 'resumed',
        decidedBy: admin.email,
        decidedAt: new Date().toISOString(),
      },
    },
    overrideAccess: true,
    context: pipeline,
    depth: 0,
  })
  logger.info({ edition: editionId, complaintsForgiven: complaints }, 'a paused edition was resumed by an admin')
  await requeueSending(payload, jobs, resumed)
  return resumed
}

/** An admin's "stop": nobody else gets this edition; what was sent stays in its figures. */
export async function cancelEdition(payload: Payload, editionId: RecordId, admin: { email: string }): Promise<Edition> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  if (edition.status !== 'paused' && edition.status !== 'sending')
    throw new BrakeDecisionError(
      `This edition is ${edition.status}; only a sending or paused edition can be cancelled.`,
    )
  const { sent, failed, skipped } = await editionTotals(payload, editionId)
  const finishedAt = new Date().toISOString()
  const startedAt = edition.stats?.startedAt
  const cancelled = await payload.update({
    collection: 'editions',
    id: editionId,
    data: {
      status: 'cancelled',
      brake: { ...edition.brake, decision: 'cancelled', decidedBy: admin.email, decidedAt: finishedAt },
      stats: {
        ...edition.stats,
        sent,
        failed,
        skipped,
        finishedAt,
        durationSeconds: startedAt ? Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000) : null,
      },
    },
    overrideAccess: true,
    context: pipeline,
    depth: 0,
  })
  logger.warn({ edition: editionId, sent }, 'an edition was cancelled by an admin')
  return cancelled
}
