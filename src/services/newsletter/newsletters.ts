import type { Payload, PayloadRequest } from 'payload'

import type { Newsletter, Subscriber } from '@/src/payload-types'
import { idOf, type RecordId } from '../platform/records'
import { PublicRequestError } from '../platform/publicRequests'

/**
 * The magazine's newsletters. "Mindful Moments", the bi-weekly digest, is the first: every
 * reader who signed up before there were several is in it. Readers and forms name a
 * newsletter by its slug; a subscriber's record keeps the newsletters they chose.
 */

export const MINDFUL_MOMENTS = 'mindful-moments'

/** How often a newsletter's editions are assembled; `manual` ones go out only when an editor sends one. */
export const CADENCES = ['biweekly', 'weekly', 'monthly', 'manual'] as const
export type Cadence = (typeof CADENCES)[number]

export type NewsletterChoice = Pick<Newsletter, 'id' | 'name' | 'slug' | 'description' | 'defaultForNewReaders'>

const CHOICE_FIELDS = { name: true, slug: true, description: true, defaultForNewReaders: true } as const

/** What "Mindful Moments" was before there were several newsletters: today's schedule. */
export const MINDFUL_MOMENTS_DEFAULTS = {
  name: 'Mindful Moments',
  slug: MINDFUL_MOMENTS,
  description: 'Our bi-weekly digest: the newest stories on mindful dating and relationships.',
  cadence: 'biweekly',
  weekday: 'thursday',
  sendTime: '08:00',
  defaultForNewReaders: true,
  public: true,
} as const

/**
 * Makes "Mindful Moments" where a database was built without the migrations (development and
 * tests push the schema): every process calls it at start; it writes only when it is missing.
 */
export async function ensureMindfulMoments(payload: Payload): Promise<void> {
  const { totalDocs } = await payload.count({
    collection: 'newsletters',
    where: { slug: { equals: MINDFUL_MOMENTS } },
    overrideAccess: true,
  })
  if (totalDocs > 0) return
  await payload
    .create({ collection: 'newsletters', data: { ...MINDFUL_MOMENTS_DEFAULTS }, overrideAccess: true, depth: 0 })
    // Another process made it at the same moment: the unique slug kept one.
    .catch(async (error) => {
      const { totalDocs: now } = await payload.count({
        collection: 'newsletters',
        where: { slug: { equals: MINDFUL_MOMENTS } },
        overrideAccess: true,
      })
      if (now === 0) throw error
    })
}

/** The newsletter of this slug, if we have it. */
export async function newsletterOfSlug(
  payload: Payload,
  slug: string,
  req?: PayloadRequest,
): Promise<Newsletter | undefined> {
  const { docs } = await payload.find({
    req,
    collection: 'newsletters',
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return docs[0]
}

/** "Mindful Moments", which every database has (migration or `ensureMindfulMoments`). */
export async function mindfulMoments(payload: Payload, req?: PayloadRequest): Promise<Newsletter> {
  const newsletter = await newsletterOfSlug(payload, MINDFUL_MOMENTS, req)
  if (!newsletter) throw new Error('The newsletter "mindful-moments" is missing: run the migrations.')
  return newsletter
}

/** Every newsletter a reader can choose on the site, in the order of their names. */
export async function publicNewsletters(payload: Payload): Promise<NewsletterChoice[]> {
  const { docs } = await payload.find({
    collection: 'newsletters',
    where: { public: { equals: true } },
    sort: 'name',
    pagination: false,
    depth: 0,
    select: CHOICE_FIELDS,
    overrideAccess: true,
  })
  return docs
}

/** The newsletters a new reader gets when they choose none: those marked so. */
export async function defaultNewsletters(payload: Payload, req?: PayloadRequest): Promise<NewsletterChoice[]> {
  const { docs } = await payload.find({
    req,
    collection: 'newsletters',
    where: { defaultForNewReaders: { equals: true } },
    sort: 'name',
    pagination: false,
    depth: 0,
    select: CHOICE_FIELDS,
    overrideAccess: true,
  })
  return docs
}

export const defaultNewsletterIds = async (payload: Payload, req?: PayloadRequest): Promise<Array<Newsletter['id']>> =>
  (await defaultNewsletters(payload, req)).map((newsletter) => newsletter.id)

/**
 * The newsletters of these slugs; a 400 naming any we do not have. `publicOnly` (a reader's
 * own form) also refuses the ones we do not offer, in the same words, so a form cannot learn
 * which private newsletters exist.
 */
export async function newslettersOf(
  payload: Payload,
  slugs: string[],
  { publicOnly }: { publicOnly: boolean },
): Promise<NewsletterChoice[]> {
  const wanted = [...new Set(slugs)]
  if (wanted.length === 0) return []
  const { docs } = await payload.find({
    collection: 'newsletters',
    where: { and: [{ slug: { in: wanted } }, ...(publicOnly ? [{ public: { equals: true } }] : [])] },
    pagination: false,
    depth: 0,
    select: CHOICE_FIELDS,
    overrideAccess: true,
  })
  const known = new Set(docs.map((doc) => doc.slug))
  const unknown = wanted.filter((slug) => !known.has(slug))
  if (unknown.length > 0) throw noSuchNewsletters(unknown)
  return docs
}

/** A 400 naming the slugs a form sent that name no newsletter it may choose. */
function noSuchNewsletters(slugs: string[]): PublicRequestError {
  const names = slugs.map((slug) => `“${slug.slice(0, 40)}”`).join(', ')
  return new PublicRequestError(400, `We have no newsletter called ${names}.`, {
    newsletters: `We have no newsletter called ${names}.`,
  })
}

/** The slugs of these newsletters (for counters, which are keyed by slug). */
export const slugsOfNewsletters = async (payload: Payload, ids: RecordId[], req?: PayloadRequest): Promise<string[]> =>
  (await newslettersWithIds(payload, ids, req)).map((newsletter) => newsletter.slug)

/** The newsletters of these ids, in the order of their names (none for none). */
export async function newslettersWithIds(
  payload: Payload,
  ids: RecordId[],
  req?: PayloadRequest,
): Promise<NewsletterChoice[]> {
  if (ids.length === 0) return []
  const { docs } = await payload.find({
    req,
    collection: 'newsletters',
    where: { id: { in: ids } },
    sort: 'name',
    pagination: false,
    depth: 0,
    select: CHOICE_FIELDS,
    overrideAccess: true,
  })
  return docs
}

/** Writes which newsletters a reader is in, with the consent kept for each. */
export function saveMembership(
  payload: Payload,
  subscriber: Pick<Subscriber, 'id'>,
  newsletters: Array<Newsletter['id']>,
  newsletterConsents: Subscriber['newsletterConsents'],
): Promise<Subscriber> {
  return payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { newsletters, newsletterConsents },
    depth: 0,
    overrideAccess: true,
  })
}

/** The ids of a reader's newsletters, whatever depth the record was read at. */
export const newsletterIdsOfReader = (subscriber: Pick<Subscriber, 'newsletters'>): Array<Newsletter['id']> =>
  (subscriber.newsletters ?? []).map((newsletter) => idOf(newsletter))

/** Whether the reader is in this newsletter. */
export const readsNewsletter = (subscriber: Pick<Subscriber, 'newsletters'>, newsletterId: RecordId): boolean =>
  newsletterIdsOfReader(subscriber).some((id) => String(id) === String(newsletterId))

type Consent = NonNullable<Subscriber['consent']>

/** The evidence for each newsletter joined: the consent given, with the newsletter named in its words. */
export function consentsFor(newsletters: Array<Pick<Newsletter, 'id' | 'name'>>, consent: Consent) {
  return newsletters.map((newsletter) => ({
    newsletter: newsletter.id,
    ...consent,
    wording: [consent.wording, `Newsletter: ${newsletter.name}.`].filter(Boolean).join(' '),
  }))
}

/** The newsletters a reader can tick on their page: every public one, and any other they are in. */
export async function newsletterChoicesOf(
  payload: Payload,
  subscriber: Pick<Subscriber, 'newsletters'>,
): Promise<NewsletterChoice[]> {
  const { docs } = await payload.find({
    collection: 'newsletters',
    where: { or: [{ public: { equals: true } }, { id: { in: newsletterIdsOfReader(subscriber) } }] },
    sort: 'name',
    pagination: false,
    depth: 0,
    select: CHOICE_FIELDS,
    overrideAccess: true,
  })
  return docs
}

/**
 * Saves the newsletters a reader ticked on their page (slugs). Each one joined gets its
 * consent noted (this page, this moment); each one left loses its own. At least one stays:
 * leaving every newsletter is unsubscribing, a button of its own.
 */
export async function chooseNewsletters(
  payload: Payload,
  subscriber: Subscriber,
  slugs: string[],
): Promise<Subscriber> {
  const offered = await newsletterChoicesOf(payload, subscriber)
  const wanted = new Set(slugs)
  const unknown = [...wanted].filter((slug) => !offered.some((newsletter) => newsletter.slug === slug))
  if (unknown.length > 0) throw noSuchNewsletters(unknown)
  const chosen = offered.filter((newsletter) => wanted.has(newsletter.slug))
  if (chosen.length === 0)
    throw new PublicRequestError(400, 'Tick at least one newsletter. To get none at all, unsubscribe below.', {
      newsletters: 'Tick at least one newsletter. To get none at all, unsubscribe below.',
    })
  const joined = chosen.filter((newsletter) => !readsNewsletter(subscriber, newsletter.id))
  const kept = (subscriber.newsletterConsents ?? []).filter((consent) =>
    chosen.some((newsletter) => String(newsletter.id) === String(idOf(consent.newsletter))),
  )
  const consent = {
    givenAt: new Date().toISOString(),
    source: 'subscription-page',
    wording: null,
    wordingVersion: null,
  }
  return saveMembership(
    payload,
    subscriber,
    chosen.map((newsletter) => newsletter.id),
    [...kept, ...consentsFor(joined, consent)],
  )
}
