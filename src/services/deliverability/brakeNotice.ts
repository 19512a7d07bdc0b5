import type { Payload } from 'payload'

import { renderBrakeNotice } from '@/emails/staffEmails'
import { env } from '@/src/env'
import { whatWeCountUrl } from '../newsletter/links'
import { senderFrom, transporter, type SendOutcome } from '../platform/mailer'
import type { BrakeNoticeJob } from '../platform/queues'

/** Tells one admin that the brake paused an edition, with the brake's figures. */
export async function sendBrakeNotice(payload: Payload, job: BrakeNoticeJob): Promise<SendOutcome> {
  const [admin, edition, settings] = await Promise.all([
    payload.findByID({ collection: 'users', id: job.userId, depth: 0, overrideAccess: true }).catch(() => null),
    payload.findByID({ collection: 'editions', id: job.editionId, depth: 0, overrideAccess: true }).catch(() => null),
    payload.findGlobal({ slug: 'settings', depth: 0 }),
  ])
  if (!admin?.email || admin.role !== 'admin') return { sent: false, reason: 'no longer an admin' }
  if (!edition) return { sent: false, reason: 'the edition no longer exists' }
  // Resumed or cancelled before the notice left: the news is stale.
  if (edition.status !== 'paused') return { sent: false, reason: `the edition is ${edition.status} now` }
  const email = await renderBrakeNotice({
    editionTitle: `Mindful Moments #${edition.number}: ${edition.subject}`,
    reason: edition.sendError ?? 'Paused by the brake.',
    editionUrl: `${env().publicUrl}/admin/collections/editions/${edition.id}`,
    postalAddress: settings.postalAddress,
    whatWeCountUrl: whatWeCountUrl(),
  })
  const info = await transporter().sendMail({
    from: senderFrom(settings),
    to: admin.email,
    subject: email.subject,
    html: email.html,
    text: email.text,
  })
  return { sent: true, messageId: info.messageId }
}
