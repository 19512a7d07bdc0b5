import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  PayloadRequest,
} from 'payload'

import type { Outcomes } from '@/src/services/digest/batches'
import { suppress } from '@/src/services/newsletter/suppression'
import { idOf } from '@/src/services/platform/records'
import { count } from '@/src/services/insights/counters'
import type { Subscriber } from '@/src/payload-types'
import { defaultNewsletterIds, newsletterIdsOfReader, slugsOfNewsletters } from '@/src/services/newsletter/newsletters'

/**
 * A reader made without a choice of newsletters (an admin's form, a script) gets the ones
 * new readers get by default; one made without a consent per newsletter gets the consent it
 * was made with, for each of its newsletters (as a sign-up records it).
 */
export const joinDefaultNewsletters: CollectionBeforeChangeHook<Subscriber> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const newsletters =
    (data.newsletters ?? []).length > 0 ? data.newsletters! : await defaultNewsletterIds(req.payload, req)
  const consent = data.consent?.givenAt ? data.consent : undefined
  return {
    ...data,
    newsletters,
    newsletterConsents:
      (data.newsletterConsents ?? []).length > 0 || !consent
        ? data.newsletterConsents
        : newsletters.map((newsletter) => ({ newsletter, ...consent })),
  } as typeof data
}

/**
 * Counts a reader leaving, whichever way they left (their link, their mail app's button, the
 * provider's report, the manage page, an admin): per newsletter they left, a total for the
 * day, nobody's name on it. Ending the subscription leaves every newsletter they were in.
 */
export const countUnsubscribe: CollectionAfterChangeHook<Subscriber> = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || !previousDoc) return doc
  const before = newsletterIdsOfReader(previousDoc).map(String)
  const after = new Set(newsletterIdsOfReader(doc).map(String))
  const endedNow = doc.status === 'unsubscribed' && previousDoc.status !== 'unsubscribed'
  const left = endedNow ? before : previousDoc.status === 'active' ? before.filter((id) => !after.has(id)) : []
  for (const slug of await slugsOfNewsletters(req.payload, left, req)) await count('newsletter.unsubscribes', slug)
  return doc
}

/**
 * Deleting a subscriber is erasing them: they leave every delivery batch (membership and
 * outcome) and every provider event, and a keyed hash of the address stays on the suppression list so no import can
 * quietly re-add them. Before the delete, in its transaction.
 */
export const eraseTraces: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const subscriber = await req.payload.findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true, req })
  await forgetDeliveries(req, id)
  await forgetProviderEvents(req, id)
  await suppress(req.payload, subscriber.email, req)
}

/**
 * A provider's bounce or complaint stays counted for its edition, but no longer names the
 * reader. SQLite's foreign key does this on delete (ON DELETE SET NULL); MongoDB has none.
 */
async function forgetProviderEvents(req: PayloadRequest, id: string | number) {
  await req.payload.update({
    collection: 'email-events',
    where: { subscriber: { equals: id } },
    data: { subscriber: null },
    depth: 0,
    overrideAccess: true,
    req,
  })
}

async function forgetDeliveries(req: PayloadRequest, id: string | number) {
  const { docs } = await req.payload.find({
    collection: 'deliveries',
    where: { subscribers: { equals: id } },
    select: { subscribers: true, outcomes: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const batch of docs) {
    const outcomes = { ...((batch.outcomes as Outcomes | null) ?? {}) }
    delete outcomes[String(id)]
    const subscribers = (batch.subscribers ?? []).filter((member) => String(idOf(member)) !== String(id))
    await req.payload.update({
      collection: 'deliveries',
      id: batch.id,
      data: { subscribers, outcomes },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
}
