import type { Payload } from 'payload'

import type { Category, Subscriber } from '@/src/payload-types'
import { idOf, type RecordId } from '../platform/records'
import { PublicRequestError } from '../platform/publicRequests'

/**
 * A reader's topics: the magazine's categories they want stories from. None chosen means
 * every story (the default, and what every reader had before topics existed). Readers and
 * forms name topics by their slugs; the record keeps the categories.
 */

export type Topic = Pick<Category, 'id' | 'name' | 'slug'>

/** Every topic a reader can choose, by name. */
export async function topicChoices(payload: Payload): Promise<Topic[]> {
  const { docs } = await payload.find({
    collection: 'categories',
    sort: 'name',
    pagination: false,
    depth: 0,
    select: { name: true, slug: true },
    overrideAccess: true,
  })
  return docs
}

/** The categories of these slugs; a 400 naming any that is no topic of ours. */
export async function topicIdsOf(payload: Payload, slugs: string[] | undefined): Promise<Array<Category['id']>> {
  const wanted = [...new Set(slugs ?? [])]
  if (wanted.length === 0) return []
  const { docs } = await payload.find({
    collection: 'categories',
    where: { slug: { in: wanted } },
    pagination: false,
    depth: 0,
    select: { slug: true },
    overrideAccess: true,
  })
  const known = new Set(docs.map((doc) => doc.slug))
  const unknown = wanted.filter((slug) => !known.has(slug))
  if (unknown.length > 0) {
    const names = unknown.map((slug) => `“${slug.slice(0, 40)}”`).join(', ')
    throw new PublicRequestError(400, `We have no topic called ${names}.`, {
      topics: `We have no topic called ${names}.`,
    })
  }
  return docs.map((doc) => doc.id)
}

/** Saves the reader's topics (slugs; none for every story). */
export async function chooseTopics(payload: Payload, subscriber: Subscriber, slugs: string[]): Promise<Subscriber> {
  const topics = await topicIdsOf(payload, slugs)
  return payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { topics },
    depth: 0,
    overrideAccess: true,
  })
}

/** The ids of a reader's topics, whatever depth the record was read at. */
export const topicIdsOfReader = (subscriber: Pick<Subscriber, 'topics'>): RecordId[] =>
  (subscriber.topics ?? []).map((topic) => idOf(topic))
