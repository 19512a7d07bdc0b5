import type { Payload } from 'payload'

import type { RecordId } from './batches'

/**
 * A refused address counts a bounce; past the limit in Settings the reader becomes
 * `bounced` and is never mailed again (only a new sign-up, confirmed, makes them active).
 */
export async function recordBounce(payload: Payload, subscriberId: RecordId): Promise<void> {
  const [subscriber, settings] = await Promise.all([
    payload.findByID({ collection: 'subscribers', id: subscriberId, depth: 0, overrideAccess: true, select: { bounceCount: true, status: true } }),
    payload.findGlobal({ slug: 'settings', depth: 0 }),
  ])
  const bounceCount = (subscriber.bounceCount ?? 0) + 1
  const suppress = bounceCount >= (settings.bounceLimit ?? 3) && subscriber.status === 'active'
  await payload.update({
    collection: 'subscribers',
    id: subscriberId,
    data: { bounceCount, lastBounceAt: new Date().toISOString(), ...(suppress ? { status: 'bounced' } : {}) },
    depth: 0,
    overrideAccess: true,
  })
}
