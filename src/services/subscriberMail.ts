import type { Payload } from 'payload'

import { renderConfirmSubscription, renderWelcome } from '../../emails/subscriberEmails'
import type { SubscriberMailJob } from '../../workers/queues'
import { env } from '../env'
import { confirmUrl, listUnsubscribeHeaders, unsubscribeUrl } from './links'
import { senderFrom, transporter } from './mailer'

export type SendOutcome = { sent: true; messageId: string } | { sent: false; reason: string }

/** Which status a reader must still be in for each message to make sense when it is sent. */
const REQUIRED_STATUS: Record<SubscriberMailJob['kind'], string> = {
  'subscription-confirmation': 'pending',
  welcome: 'active',
}

/** Renders and sends one message to one subscriber, addressed to that subscriber alone. */
export async function sendSubscriberEmail(payload: Payload, job: SubscriberMailJob): Promise<SendOutcome> {
  const subscriber = await payload
    .findByID({ collection: 'subscribers', id: job.subscriberId, depth: 0, overrideAccess: true })
    .catch(() => null)
  if (!subscriber) return { sent: false, reason: 'subscriber no longer exists' }
  if (subscriber.status !== REQUIRED_STATUS[job.kind]) return { sent: false, reason: `subscriber is ${subscriber.status}` }

  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const common = { firstName: subscriber.firstName, postalAddress: settings.postalAddress, unsubscribeUrl: unsubscribeUrl(subscriber.id) }
  const email =
    job.kind === 'subscription-confirmation'
      ? await renderConfirmSubscription({ ...common, confirmUrl: confirmUrl(subscriber.id), signupText: settings.signupText })
      : await renderWelcome({ ...common, successMessage: settings.successMessage, siteUrl: env().publicUrl })

  const info = await transporter().sendMail({
    from: senderFrom(settings),
    to: subscriber.email,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: listUnsubscribeHeaders(subscriber.id),
  })
  return { sent: true, messageId: info.messageId }
}
