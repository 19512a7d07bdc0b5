import type { Payload, Where } from 'payload'

import { notPausedAt } from '../newsletter/pause'
import { topicChoices } from '../newsletter/topics'
import { shownCount, type ShownCount } from './totals'
import type { RecordId } from '../platform/records'

/**
 * The shape of a newsletter's audience, as editors may see it: how many readers receive it,
 * take a break or have yet to confirm, and how many chose each topic. Counted from the
 * records at the moment of asking, never kept; each count under the threshold reads "<N",
 * like every insight.
 */

export type AudienceShape = {
  active: ShownCount
  paused: ShownCount
  pending: ShownCount
  /** Active readers who chose no topic: every story. */
  everything: ShownCount
  /** Active readers per topic (a reader with two topics counts in both), most chosen first. */
  topics: Array<{ slug: string; name: string; readers: ShownCount }>
}

/** The audience of one newsletter (its readers alone). */
export async function audienceShape(
  payload: Payload,
  newsletterId: RecordId,
  now = new Date(),
): Promise<AudienceShape> {
  const inIt: Where = { newsletters: { equals: newsletterId } }
  const count = async (where: Where) =>
    (await payload.count({ collection: 'subscribers', where: { and: [inIt, where] }, overrideAccess: true })).totalDocs
  const active: Where = { status: { equals: 'active' } }
  const topics = await topicChoices(payload)
  const [all, receiving, pending, perTopic, withTopics] = await Promise.all([
    count(active),
    count({ and: [active, notPausedAt(now)] }),
    count({ status: { equals: 'pending' } }),
    Promise.all(topics.map((topic) => count({ and: [active, { topics: { equals: topic.id } }] }))),
    topics.length > 0 ? count({ and: [active, { topics: { in: topics.map((topic) => topic.id) } }] }) : 0,
  ])
  return {
    active: shownCount(receiving),
    paused: shownCount(all - receiving),
    pending: shownCount(pending),
    everything: shownCount(all - withTopics),
    topics: topics
      .map((topic, index) => ({ slug: topic.slug ?? String(topic.id), name: topic.name, raw: perTopic[index] }))
      .sort((a, b) => b.raw - a.raw || a.name.localeCompare(b.name))
      .map(({ slug, name, raw }) => ({ slug, name, readers: shownCount(raw) })),
  }
}
