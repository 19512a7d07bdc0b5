import type { Payload } from 'payload'

import { renderSubmissionReceipt } from '../../emails/contributorEmails'
import type { ContributorMailJob } from '../../workers/queues'
import { env } from '../env'
import { contributorStatusUrl } from './links'
import { transporter } from './mailer'
import type { SendOutcome } from './subscriberMail'

/** Renders and sends one message about a submission to its contributor alone. */
export async function sendContributorEmail(payload: Payload, job: ContributorMailJob): Promise<SendOutcome> {
  const submission = await payload
    .findByID({ collection: 'submissions', id: job.submissionId, depth: 0, overrideAccess: true })
    .catch(() => null)
  if (!submission) return { sent: false, reason: 'submission no longer exists' }
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const email = await renderSubmissionReceipt({
    name: submission.contributor.name,
    title: submission.title,
    reference: submission.reference ?? '',
    statusUrl: contributorStatusUrl(submission.id),
    postalAddress: settings.postalAddress,
  })
  const info = await transporter().sendMail({
    from: { name: settings.senderName, address: settings.senderAddress || env().mailFrom.address },
    to: submission.contributor.email,
    subject: email.subject,
    html: email.html,
    text: email.text,
  })
  return { sent: true, messageId: info.messageId }
}
