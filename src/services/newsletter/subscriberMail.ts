import type { Payload } from 'payload'

import { renderConfirmAddressChange, renderConfirmSubscription, renderWelcome } from '@/emails/subscriberEmails'
import type { RenderedEmail } from '@/emails/render'
import type { Setting, Subscriber } from '@/src/payload-types'
import type { SubscriberMailJob } from '@/src/services/platform/queues'
import { env } from '@/src/env'
import {
  addressChangeUrl,
  confirmUrl,
  listUnsubscribeHeaders,
  manageUrl,
  unsubscribeUrl,
  whatWeCountUrl,
} from './links'
import { senderFrom, transporter } from '../platform/mailer'
import { MINDFUL_MOMENTS_DEFAULTS, newsletterIdsOfReader, newslettersWithIds } from './newsletters'
import type { SendOutcome } from '../platform/mailer'

type Message = { to: string; email: RenderedEmail; listHeaders: boolean }

/**
 * Each kind of message: whether it still makes sense when the worker gets to it, and what
 * it says. Returns a reason instead when it no longer applies.
 */
const MESSAGES: Record<
  SubscriberMailJob['kind'],
  (subscriber: Subscriber, settings: Setting, payload: Payload) => Promise<Message | string>
> = {
  'subscription-confirmation': async (subscriber, settings, payload) => {
    if (subscriber.status !== 'pending' && !subscriber.pendingSignUp?.requestedAt)
      return `subscriber is ${subscriber.status}`
    // What this sign-up asked for: a request beside a known address, or the new reader's own.
    const asked = subscriber.pendingSignUp?.requestedAt ? subscriber.pendingSignUp : subscriber
    const email = await renderConfirmSubscription({
      ...common(subscriber, settings),
      newsletterNames: await newsletterNamesOf(payload, asked),
      confirmUrl: confirmUrl(subscriber),
      signupText: settings.signupText,
    })
    return { to: subscriber.email, email, listHeaders: true }
  },
  welcome: async (subscriber, settings, payload) => {
    if (subscriber.status !== 'active') return `subscriber is ${subscriber.status}`
    const email = await renderWelcome({
      ...common(subscriber, settings),
      newsletterNames: await newsletterNamesOf(payload, subscriber),
      successMessage: settings.successMessage,
      siteUrl: env().publicUrl,
      manageUrl: manageUrl(subscriber),
    })
    return { to: subscriber.email, email, listHeaders: true }
  },
  // To the new address, which is not subscribed (yet): no list headers, nothing to unsubscribe from there.
  'address-change-confirmation': async (subscriber, settings) => {
    const { email: to, nonce } = subscriber.addressChange ?? {}
    if (!to || !nonce) return 'no address change is waiting'
    const email = await renderConfirmAddressChange({
      ...common(subscriber, settings),
      confirmUrl: addressChangeUrl(subscriber.id, nonce),
    })
    return { to, email, listHeaders: false }
  },
}

/** The names of the newsletters a reader (or their waiting sign-up) chose; Mindful Moments for a record from before. */
async function newsletterNamesOf(payload: Payload, chosen: Pick<Subscriber, 'newsletters'>): Promise<string[]> {
  const newsletters = await newslettersWithIds(payload, newsletterIdsOfReader(chosen))
  return newsletters.length > 0 ? newsletters.map((newsletter) => newsletter.name) : [MINDFUL_MOMENTS_DEFAULTS.name]
}

const common = (subscriber: Subscriber, settings: Setting) => ({
  firstName: subscriber.firstName,
  postalAddress: settings.postalAddress,
  whatWeCountUrl: whatWeCountUrl(),
  unsubscribeUrl: unsubscribeUrl(subscriber),
})

/** Renders and sends one message about one subscriber, addressed to one address alone. */
export async function sendSubscriberEmail(payload: Payload, job: SubscriberMailJob): Promise<SendOutcome> {
  const subscriber = await payload
    .findByID({ collection: 'subscribers', id: job.subscriberId, depth: 0, overrideAccess: true })
    .catch(() => null)
  if (!subscriber) return { sent: false, reason: 'subscriber no longer exists' }
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const message = await MESSAGES[job.kind](subscriber, settings, payload)
  if (typeof message === 'string') return { sent: false, reason: message }

  const info = await transporter().sendMail({
    from: senderFrom(settings),
    to: message.to,
    subject: message.email.subject,
    html: message.email.html,
    text: message.email.text,
    headers: message.listHeaders ? listUnsubscribeHeaders(subscriber) : {},
  })
  return { sent: true, messageId: info.messageId }
}
