import type { Payload } from 'payload'

import { warmupToday } from '../deliverability/warmup'
import { redisClient } from '../platform/redis'

import { EMAIL_EVENT_TYPES, type EmailEventType } from '@/src/services/newsletter/providerEvents/eventTypes'
import type { EditionTestJob } from '@/src/services/platform/queues'
import type { SendOutcome } from '@/src/services/platform/mailer'
import { senderFrom, transporter } from '../platform/mailer'
import { greetingName } from '@/src/services/newsletter/readerNames'
import { loadEditionContent, NO_READER, renderEdition } from './content'
import { readerPlaceholders } from './message'
import { editionTotals } from './batches'
import { digestHeaders, editionNewsletter } from './templates'

/** What editors use on an edition's page: the preview, a test to themselves, the progress. */

/** What readers see (the frozen snapshot once it is sending), or what they would see if it went now. */
export async function previewHtml(payload: Payload, editionId: string | number): Promise<string> {
  const content = await loadEditionContent(payload, editionId)
  const frozen = content.edition.snapshot?.html
  if (frozen) {
    const placeholders = readerPlaceholders(content.edition.snapshot?.placeholderKey)
    return frozen.replaceAll(placeholders.token, NO_READER.token).replaceAll(placeholders.name, NO_READER.greetingName)
  }
  return (await renderEdition(payload, content, NO_READER)).html
}

/** "Send a test to me": the edition as it stands, to the staff member who asked, and to nobody else. */
export async function sendEditionTest(payload: Payload, job: EditionTestJob): Promise<SendOutcome> {
  const user = await payload
    .findByID({ collection: 'users', id: job.userId, depth: 0, overrideAccess: true })
    .catch(() => null)
  if (!user?.email) return { sent: false, reason: 'the staff member no longer exists' }
  const [content, settings] = await Promise.all([
    loadEditionContent(payload, job.editionId),
    payload.findGlobal({ slug: 'settings', depth: 0 }),
  ])
  // Greeted as a reader with their first name would be, so the greeting can be checked too.
  const email = await renderEdition(payload, content, {
    ...NO_READER,
    greetingName: greetingName(user.name?.split(/\s+/)[0]),
  })
  const from = senderFrom(settings)
  const info = await transporter().sendMail({
    from,
    to: user.email,
    subject: `[TEST] ${email.subject}`,
    html: email.html,
    text: email.text,
    headers: {
      ...digestHeaders(from.address, NO_READER.token, await editionNewsletter(payload, content.edition)),
      'List-Unsubscribe': `<mailto:${from.address}?subject=test>`,
    },
  })
  return { sent: true, messageId: info.messageId }
}

export type EditionProgress = {
  status: string
  recipients: number | null
  sent: number
  failed: number
  skipped: number
  batches: number
  batchesDone: number
  /** What the mail provider reported about this edition's messages after accepting them. */
  reported: Record<EmailEventType, number>
  /** Under WARMUP_PLAN, while today's allowance holds the edition back: when it goes on, and how many are left. */
  continues: { at: string; left: number; allowance: number; dayNumber: number } | null
}

/** Counts only: how far a sending edition has come. */
export async function editionProgress(payload: Payload, editionId: string | number): Promise<EditionProgress> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  const { sent, failed, skipped, batches, batchesDone } = await editionTotals(payload, editionId)
  const counts = await Promise.all(
    EMAIL_EVENT_TYPES.map(async (type) => {
      const { totalDocs } = await payload.count({
        collection: 'email-events',
        where: { and: [{ edition: { equals: editionId } }, { type: { equals: type } }] },
        overrideAccess: true,
      })
      return [type, totalDocs] as const
    }),
  )
  const recipients = edition.stats?.recipients ?? null
  const left = recipients === null ? 0 : recipients - sent - failed - skipped
  // Figures for the page only: a Redis that is away leaves the warm-up line out, not the progress.
  const warmup =
    edition.status === 'sending' && left > 0
      ? await warmupToday(payload, redisClient()).catch(() => undefined)
      : undefined
  return {
    continues:
      warmup && warmup.used >= warmup.allowance
        ? { at: warmup.nextDayStarts, left, allowance: warmup.allowance, dayNumber: warmup.dayNumber }
        : null,
    status: edition.status,
    recipients,
    sent,
    failed,
    skipped,
    batches,
    batchesDone,
    reported: Object.fromEntries(counts) as EditionProgress['reported'],
  }
}
