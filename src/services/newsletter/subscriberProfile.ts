import { randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

import type { Subscriber } from '@/src/payload-types'
import { normalizeEmail } from '../platform/emailAddress'
import { consume, LIMITS, SITE_WIDE } from '../platform/rateLimits'
import { InvalidTokenError, verifyToken } from '../platform/tokens'
import { SubscriptionLinkError, type Enqueue } from './subscriptions'

/**
 * What a reader changes on their own subscription page, with the token from any of their
 * emails: the first name the digest greets them by, and the address it goes to. A new
 * address must be confirmed from its own inbox; until then the old one keeps receiving.
 */

const NO_CHANGE = { email: null, requestedAt: null, nonce: null }

/** The subscriber comes from the caller's checked link token (subscriberFromToken). */
export async function renameSubscriber(
  payload: Payload,
  subscriber: Subscriber,
  firstName: string,
): Promise<Subscriber> {
  return payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { firstName: firstName || null },
    overrideAccess: true,
    depth: 0,
  })
}

/**
 * Keeps the new address aside and mails it a confirmation link. The answer is the same
 * whether or not the address is known to us: the page must not tell who subscribes.
 */
export async function requestAddressChange(
  payload: Payload,
  subscriber: Subscriber,
  newAddress: string,
  enqueue: Enqueue,
): Promise<Subscriber> {
  const email = normalizeEmail(newAddress)
  if (!email) throw new Error('requestAddressChange() needs a validated address')
  if (email === subscriber.email) return subscriber
  // The same per-address limit as signing up: a subscription page cannot mail-bomb a stranger.
  await consume(LIMITS.signupPerAddress, email)
  await consume(LIMITS.unconfirmedMail, SITE_WIDE)
  const nonce = randomBytes(12).toString('base64url')
  const updated = await payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { addressChange: { email, requestedAt: new Date().toISOString(), nonce } },
    overrideAccess: true,
    depth: 0,
  })
  await enqueue({ kind: 'address-change-confirmation', subscriberId: String(subscriber.id) })
  return updated
}

export type AddressChangeResult =
  /** The subscription now goes to the new address. */
  | 'moved'
  /** The new address already had its own active subscription: the old one was ended, so one person gets one copy. */
  | 'merged'

/** The reader and the new address a link from the new inbox is for, while it still applies (GET shows this, POST acts). */
export async function addressChangeOfToken(
  payload: Payload,
  token: unknown,
): Promise<{ subscriber: Subscriber; email: string }> {
  let subject: string
  try {
    subject = verifyToken('address-change', token)
  } catch (error) {
    if (error instanceof InvalidTokenError && error.reason === 'expired') {
      throw new SubscriptionLinkError(
        'This confirmation link has expired (links last 7 days). Ask for a new one from your subscription page.',
        false,
      )
    }
    throw new SubscriptionLinkError('This link is not valid. Please copy the whole link from the email.', false)
  }
  const [id, nonce] = subject.split(':')
  const subscriber = await payload
    .findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true })
    .catch(() => null)
  if (!subscriber) throw new SubscriptionLinkError('This subscription no longer exists.', false)
  const change = subscriber.addressChange
  if (!change?.email || !nonce || change.nonce !== nonce) {
    throw new SubscriptionLinkError(
      'This link was already used, or a newer request replaced it. Your subscription page shows what is waiting.',
      false,
    )
  }
  return { subscriber, email: change.email }
}

/** The link from the new inbox: it proves the reader owns the new address. */
export async function confirmAddressChange(payload: Payload, token: unknown): Promise<AddressChangeResult> {
  const { subscriber, email } = await addressChangeOfToken(payload, token)
  const { docs } = await payload.find({
    collection: 'subscribers',
    where: { email: { equals: email } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const holder = docs[0]
  if (holder?.status === 'active') {
    await payload.update({
      collection: 'subscribers',
      id: subscriber.id,
      data: { status: 'unsubscribed', unsubscribedAt: new Date().toISOString(), addressChange: NO_CHANGE },
      overrideAccess: true,
      depth: 0,
    })
    return 'merged'
  }
  if (holder) {
    // A past subscription of that address (ended, bounced, complained) is kept as it is: its history is evidence.
    throw new SubscriptionLinkError(
      'That address has an earlier subscription with us that has ended. To receive Mindful Moments there, subscribe it again from our sign-up page, then unsubscribe this one.',
      false,
    )
  }
  await payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { email, addressChange: NO_CHANGE },
    overrideAccess: true,
    depth: 0,
  })
  return 'moved'
}
