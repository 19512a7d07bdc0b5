import type { Payload } from 'payload'

import type { Outcomes } from '../digest/batches'

/** Everything we hold about one reader (GDPR access request), as plain JSON. Lists move in and out with subscriberImport and subscriberExport. */
export async function exportSubscriberData(payload: Payload, id: string | number) {
  const subscriber = await payload.findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true })
  const batches = await payload.find({
    collection: 'deliveries',
    where: { subscribers: { equals: id } },
    select: { edition: true, outcomes: true },
    // Oldest first: the reader's file reads as what we sent them, in order.
    sort: 'createdAt',
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  return {
    exportedAt: new Date().toISOString(),
    subscriber,
    deliveries: batches.docs.map(({ edition, outcomes }) => {
      const outcome = (outcomes as Outcomes | null)?.[String(id)]
      return { edition, status: outcome?.status ?? 'queued', at: outcome?.at ?? null, attempts: outcome?.attempts ?? 0 }
    }),
  }
}
