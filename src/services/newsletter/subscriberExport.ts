import type { Payload } from 'payload'
import { csvLines } from '../platform/csv'

import type { Subscriber } from '@/src/payload-types'
import { idOf } from '../platform/records'
import { LIST_COLUMNS } from './subscriberImport'
import { topicChoices } from './topics'

/**
 * Every subscriber as CSV, in the columns the import reads, streamed a page at a time (by
 * id, so readers joining meanwhile shift nothing). Unsubscribed, bounced and complained
 * readers are included with their status: moving the list must not bring them back.
 */

const PAGE = 1_000

function rowOf(subscriber: Subscriber, slugOf: Map<string, string>, newsletterSlugOf: Map<string, string>): string[] {
  return [
    subscriber.email,
    subscriber.firstName ?? '',
    subscriber.status,
    subscriber.consent?.givenAt ?? '',
    subscriber.consent?.source ?? '',
    subscriber.consent?.wording ?? '',
    subscriber.confirmedAt ?? '',
    (subscriber.topics ?? []).map((topic) => slugOf.get(String(idOf(topic))) ?? '').join(' '),
    (subscriber.newsletters ?? []).map((newsletter) => newsletterSlugOf.get(String(idOf(newsletter))) ?? '').join(' '),
  ]
}

export function subscribersCsv(payload: Payload): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let after: Subscriber['id'] | undefined
  let headerSent = false
  let slugOf = new Map<string, string>()
  let newsletterSlugOf = new Map<string, string>()
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true
        slugOf = new Map((await topicChoices(payload)).map((topic) => [String(topic.id), topic.slug ?? '']))
        const { docs: newsletters } = await payload.find({
          collection: 'newsletters',
          pagination: false,
          depth: 0,
          select: { slug: true },
          overrideAccess: true,
        })
        newsletterSlugOf = new Map(newsletters.map((newsletter) => [String(newsletter.id), newsletter.slug]))
        controller.enqueue(encoder.encode(csvLines([[...LIST_COLUMNS]])))
        return
      }
      const { docs } = await payload.find({
        collection: 'subscribers',
        where: after === undefined ? {} : { id: { greater_than: after } },
        sort: 'id',
        limit: PAGE,
        pagination: false,
        depth: 0,
        overrideAccess: true,
        select: {
          email: true,
          firstName: true,
          status: true,
          consent: true,
          confirmedAt: true,
          topics: true,
          newsletters: true,
        },
      })
      if (docs.length === 0) return controller.close()
      after = docs[docs.length - 1].id
      controller.enqueue(
        encoder.encode(csvLines(docs.map((doc) => rowOf(doc as Subscriber, slugOf, newsletterSlugOf)))),
      )
    },
  })
}
