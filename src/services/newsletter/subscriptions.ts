import type { Payload } from 'payload'

import type { Newsletter, Subscriber } from '@/src/payload-types'
import type { SubscriberMailJob } from '@/src/services/platform/queues'
import { normalizeEmail } from '../platform/emailAddress'
import { linkFits, recordOfToken } from '../platform/recordLinks'
import { InvalidTokenError } from '../platform/tokens'
import { PublicRequestError } from '../platform/publicRequests'
import { count } from '../insights/counters'
import { idOf } from '../platform/records'
import { topicIdsOf } from './topics'
import {
  consentsFor,
  defaultNewsletters,
  readsNewsletter,
  newsletterIdsOfReader,
  newsletterOfSlug,
  newslettersOf,
  newslettersWithIds,
  saveMembership,
  slugsOfNewsletters,
  type NewsletterChoice,
} from './newsletters'

/**
 * A reader's way in and out: double opt-in, one-click unsubscribe, and a short undo.
 * Every answer the public sees is the same whatever the address's state, so nobody can
 * learn who is subscribed.
 */

/** `topics`: category slugs (none: every story); `newsletters`: slugs of public ones (none: the default ones). */
export type SignUp = { email: string; firstName?: string; source?: string; topics?: string[]; newsletters?: string[] }

/** Sends the queued message; the web passes the BullMQ queue, tests may pass anything that enqueues. */
export type Enqueue = (job: SubscriberMailJob) => Promise<unknown>

/** How long after unsubscribing the same link may undo it without a new confirmation. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000

export class SubscriptionLinkError extends Error {
  constructor(
    message: string,
    readonly canResend: boolean,
  ) {
    super(message)
    this.name = 'SubscriptionLinkError'
  }
}

async function findByEmail(payload: Payload, email: string): Promise<Subscriber | undefined> {
  const { docs } = await payload.find({
    collection: 'subscribers',
    where: { email: { equals: email } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return docs[0]
}

const NO_PENDING_SIGN_UP = {
  requestedAt: null,
  firstName: null,
  topics: [],
  newsletters: [],
  consent: { givenAt: null, source: null, wording: null, wordingVersion: null },
}

/**
 * Records consent and asks the reader to confirm. Already active readers are left alone
 * (and get no email: a stranger must not be able to mail them at will). A known address is
 * not changed by a sign-up: its name, consent and status stay as they are (a reader who
 * complained or bounced stays so) and the request waits beside them until the reader
 * confirms it from their own inbox.
 */
export async function subscribe(payload: Payload, signUp: SignUp, enqueue: Enqueue): Promise<void> {
  const email = normalizeEmail(signUp.email)
  if (!email) throw new Error('subscribe() needs a validated address')
  // Unknown topics are the caller's mistake (a 400 naming them), before anything is written.
  const topics = await topicIdsOf(payload, signUp.topics)
  const chosen = await chosenNewsletters(payload, signUp.newsletters)
  const newsletters = chosen.map((newsletter) => newsletter.id)
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const consent = {
    givenAt: new Date().toISOString(),
    source: signUp.source || 'website',
    wording: [settings.signupText, settings.privacyNote].filter(Boolean).join(' '),
    wordingVersion: settings.consentVersion || '1',
  }

  let subscriber = await findByEmail(payload, email)
  // An active reader who asks for nothing new gets no email (a stranger must not mail them at will).
  if (subscriber?.status === 'active' && chosen.every((n) => readsNewsletter(subscriber!, n.id))) return
  if (subscriber) {
    subscriber = await payload.update({
      collection: 'subscribers',
      id: subscriber.id,
      data: {
        pendingSignUp: {
          requestedAt: consent.givenAt,
          firstName: signUp.firstName || null,
          topics,
          newsletters,
          consent,
        },
      },
      overrideAccess: true,
      depth: 0,
    })
  } else {
    try {
      subscriber = await payload.create({
        collection: 'subscribers',
        data: {
          email,
          firstName: signUp.firstName,
          status: 'pending',
          topics,
          consent,
          newsletters,
          newsletterConsents: consentsFor(chosen, consent),
        },
        overrideAccess: true,
        depth: 0,
        // No transaction: the unique key settles a race, and the loser must see the winner at
        // once (on MongoDB an uncommitted winner inside its transaction would be invisible).
        disableTransaction: true,
      })
    } catch (error) {
      // Two sign-ups for one address at once: the other request created it.
      subscriber = await findByEmail(payload, email)
      if (!subscriber) throw error
    }
  }
  await enqueue({ kind: 'subscription-confirmation', subscriberId: String(subscriber.id) })
  for (const newsletter of chosen) await count('newsletter.sign-ups', newsletter.slug)
}

/** The public newsletters a sign-up named, or the default ones; a sign-up for nothing is the caller's 400. */
async function chosenNewsletters(payload: Payload, slugs: string[] | undefined): Promise<NewsletterChoice[]> {
  const chosen =
    slugs && slugs.length > 0
      ? await newslettersOf(payload, slugs, { publicOnly: true })
      : await defaultNewsletters(payload)
  if (chosen.length === 0)
    throw new PublicRequestError(400, 'Choose at least one newsletter to sign up for.', {
      newsletters: 'Choose at least one newsletter to sign up for.',
    })
  return chosen
}

/** The subscriber a reader's link is for; a broken, forged or expired link is a SubscriptionLinkError. */
export async function subscriberFromToken(
  payload: Payload,
  purpose: 'confirm' | 'unsubscribe',
  token: unknown,
): Promise<Subscriber> {
  let link: { id: string; key: string | null }
  try {
    link = recordOfToken(purpose, token)
  } catch (error) {
    if (error instanceof InvalidTokenError && error.reason === 'expired') {
      throw new SubscriptionLinkError('This confirmation link has expired (links last 7 days).', true)
    }
    throw new SubscriptionLinkError(
      'This link is not valid. Please copy the whole link from the email.',
      purpose === 'confirm',
    )
  }
  const subscriber = await payload
    .findByID({ collection: 'subscribers', id: link.id, depth: 0, overrideAccess: true })
    .catch(() => null)
  // A link made for an erased reader never acts on another record, whatever its id.
  if (!subscriber || !linkFits(subscriber, link.key))
    throw new SubscriptionLinkError('This subscription no longer exists.', purpose === 'confirm')
  return subscriber
}

/** The reader a confirmation link is for, if it can still confirm (GET shows this, POST acts). */
export async function subscriberToConfirm(payload: Payload, token: unknown): Promise<Subscriber> {
  const subscriber = await subscriberFromToken(payload, 'confirm', token)
  if (subscriber.status !== 'active' && subscriber.status !== 'pending' && !subscriber.pendingSignUp?.requestedAt) {
    throw new SubscriptionLinkError(
      'This link belongs to a subscription that has since ended. Subscribe again to get a new one.',
      true,
    )
  }
  return subscriber
}

/**
 * Activates a pending reader, or applies a sign-up that waited beside a known address (its
 * name and consent, also for a reader who had bounced or complained: this is their own
 * inbox speaking). Confirming again changes nothing.
 */
export async function confirmSubscription(payload: Payload, token: unknown, enqueue: Enqueue): Promise<Subscriber> {
  const subscriber = await subscriberToConfirm(payload, token)
  const request = subscriber.pendingSignUp?.requestedAt ? subscriber.pendingSignUp : undefined
  if (subscriber.status === 'active' && !request) return subscriber
  const joining = request ? await joinedBy(payload, subscriber, request) : {}
  const active = await payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: {
      status: 'active',
      confirmedAt: subscriber.status === 'active' ? subscriber.confirmedAt : new Date().toISOString(),
      unsubscribedAt: null,
      ...joining,
      ...(request && subscriber.status !== 'active'
        ? {
            consent: request.consent,
            firstName: request.firstName || subscriber.firstName,
            // What this sign-up chose: its topics replace the old ones (none: every story).
            topics: (request.topics ?? []).map((topic) => idOf(topic)),
            bounceCount: 0,
          }
        : {}),
      pendingSignUp: NO_PENDING_SIGN_UP,
    },
    overrideAccess: true,
    depth: 0,
  })
  // A reader who only added a newsletter is welcome already.
  if (subscriber.status !== 'active') await enqueue({ kind: 'welcome', subscriberId: String(active.id) })
  const newlyJoined = newsletterIdsOfReader(active).filter(
    (id) => subscriber.status !== 'active' || !readsNewsletter(subscriber, id),
  )
  for (const slug of await slugsOfNewsletters(payload, newlyJoined)) await count('newsletter.confirmations', slug)
  return active
}

/**
 * The newsletters a confirmed sign-up leaves the reader in, with the consent for each: an
 * active reader adds the new ones to theirs; anyone else gets exactly what they signed up
 * for (a request from before there were several newsletters: the ones they had).
 */
async function joinedBy(
  payload: Payload,
  subscriber: Subscriber,
  request: NonNullable<Subscriber['pendingSignUp']>,
): Promise<Pick<Subscriber, 'newsletters' | 'newsletterConsents'>> {
  const asked = (request.newsletters ?? []).map((newsletter) => idOf(newsletter))
  if (asked.length === 0) return {}
  const chosen = await newslettersWithIds(payload, asked)
  const consents = consentsFor(chosen, request.consent ?? {})
  if (subscriber.status !== 'active') return { newsletters: asked, newsletterConsents: consents }
  const added = consents.filter((consent) => !readsNewsletter(subscriber, consent.newsletter))
  return {
    newsletters: [...newsletterIdsOfReader(subscriber), ...added.map((consent) => consent.newsletter)],
    newsletterConsents: [...(subscriber.newsletterConsents ?? []), ...added],
  }
}

/** Stops all mail at once. Idempotent: a second click (or a mail app's retry) is fine. */
export async function unsubscribe(payload: Payload, token: unknown): Promise<Subscriber> {
  const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
  if (subscriber.status === 'unsubscribed') return subscriber
  return payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { status: 'unsubscribed', unsubscribedAt: new Date().toISOString() },
    overrideAccess: true,
    depth: 0,
  })
}

export type Leaving = { subscriber: Subscriber; newsletter: Newsletter; leftAll: boolean }

/**
 * Leaves the one newsletter a message came from (its unsubscribe link, its mail app's
 * one-click button). Leaving the last one is unsubscribing: the subscription ends, as
 * `unsubscribe` does. Idempotent: a reader already out of it stays as they are.
 */
export async function leaveNewsletter(payload: Payload, token: unknown, slug: string): Promise<Leaving> {
  const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
  const newsletter = await newsletterOfSlug(payload, slug)
  if (!newsletter) throw new SubscriptionLinkError('This link names a newsletter we do not have.', false)
  const mine = newsletterIdsOfReader(subscriber)
  const others = mine.filter((id) => String(id) !== String(newsletter.id))
  if (others.length === 0 || subscriber.status !== 'active')
    return { subscriber: await unsubscribe(payload, token), newsletter, leftAll: true }
  if (others.length === mine.length) return { subscriber, newsletter, leftAll: false }
  const left = await saveMembership(
    payload,
    subscriber,
    others,
    // The consent was for being in it: it goes with it.
    (subscriber.newsletterConsents ?? []).filter(
      (consent) => String(idOf(consent.newsletter)) !== String(newsletter.id),
    ),
  )
  return { subscriber: left, newsletter, leftAll: false }
}

/**
 * "Oops, undo" for one newsletter: an active reader's own link puts them back in a public
 * newsletter they left (their subscription page could do the same), consent noted as theirs.
 */
export async function rejoinNewsletter(payload: Payload, token: unknown, slug: string): Promise<Subscriber> {
  const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
  const [newsletter] = await newslettersOf(payload, [slug], { publicOnly: true })
  if (subscriber.status !== 'active') return undoUnsubscribe(payload, token)
  if (readsNewsletter(subscriber, newsletter.id)) return subscriber
  const consent = {
    givenAt: new Date().toISOString(),
    source: 'undo-link',
    wording: null,
    wordingVersion: null,
  }
  return saveMembership(
    payload,
    subscriber,
    [...newsletterIdsOfReader(subscriber), newsletter.id],
    [...(subscriber.newsletterConsents ?? []), ...consentsFor([newsletter], consent)],
  )
}

/** "Oops, undo": within a few minutes, the same link restores an active subscription. */
export async function undoUnsubscribe(payload: Payload, token: unknown, now = Date.now()): Promise<Subscriber> {
  const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
  if (subscriber.status === 'active') return subscriber
  const since = subscriber.unsubscribedAt ? now - new Date(subscriber.unsubscribedAt).getTime() : Infinity
  if (subscriber.status !== 'unsubscribed' || !subscriber.confirmedAt || since > UNDO_WINDOW_MS) {
    throw new SubscriptionLinkError('It is too late to undo this here; please subscribe again from our site.', false)
  }
  return payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { status: 'active', unsubscribedAt: null },
    overrideAccess: true,
    depth: 0,
  })
}
