import type { Payload } from 'payload'

import {
  renderAccepted,
  renderChangesRequested,
  renderDeclined,
  renderPublished,
  renderSubmissionReceipt,
} from '@/emails/contributorEmails'
import type { RenderedEmail } from '@/emails/render'
import type { ContributorMailJob } from '@/src/services/platform/queues'
import { env } from '@/src/env'
import type { Submission } from '@/src/payload-types'
import { contributorStatusUrl, whatWeCountUrl } from '../newsletter/links'
import { senderFrom, transporter } from '../platform/mailer'
import type { SendOutcome } from '@/src/services/platform/mailer'

async function render(
  payload: Payload,
  job: ContributorMailJob,
  submission: Submission,
  postalAddress: string,
): Promise<RenderedEmail> {
  const common = {
    name: submission.contributor.name,
    title: submission.title,
    reference: submission.reference ?? '',
    statusUrl: contributorStatusUrl(submission),
    postalAddress,
    whatWeCountUrl: whatWeCountUrl(),
  }
  const message = submission.history?.find((entry) => entry.id === job.historyEntryId)?.message
  switch (job.kind) {
    case 'submission-receipt':
      return renderSubmissionReceipt(common)
    case 'submission-changes-requested':
      return renderChangesRequested({ ...common, message })
    case 'submission-accepted':
      return renderAccepted({ ...common, message })
    case 'submission-declined':
      return renderDeclined({ ...common, message })
    case 'submission-published': {
      const articleId = typeof submission.article === 'object' ? submission.article?.id : submission.article
      const article = articleId
        ? await payload.findByID({ collection: 'articles', id: articleId, depth: 0, overrideAccess: true })
        : undefined
      return renderPublished({
        ...common,
        title: article?.title ?? common.title,
        articleUrl: `${env().publicUrl}/articles/${article?.slug ?? ''}`,
      })
    }
  }
}

/** Renders and sends one message about a submission to its contributor alone. */
export async function sendContributorEmail(payload: Payload, job: ContributorMailJob): Promise<SendOutcome> {
  const submission = await payload
    .findByID({ collection: 'submissions', id: job.submissionId, depth: 0, overrideAccess: true })
    .catch(() => null)
  if (!submission) return { sent: false, reason: 'submission no longer exists' }
  // Queued from inside the editor's transaction: until it commits, retry (BullMQ backs off).
  if (job.historyEntryId && !submission.history?.some((entry) => entry.id === job.historyEntryId)) {
    throw new Error('the change of status is not committed yet')
  }
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const email = await render(payload, job, submission, settings.postalAddress)
  const info = await transporter().sendMail({
    from: senderFrom(settings),
    to: submission.contributor.email,
    subject: email.subject,
    html: email.html,
    text: email.text,
  })
  return { sent: true, messageId: info.messageId }
}
