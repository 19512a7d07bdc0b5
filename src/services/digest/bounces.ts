import type { Payload, PayloadRequest } from 'payload'

import type { RecordId } from '@/src/services/platform/records'

export type BounceResult = { bounceCount: number; limit: number; suppressed: boolean }

/**
 * A refused address counts a bounce; past the limit in Settings the reader becomes
 * `bounced` and is never mailed again (only a new sign-up, confirmed, makes them active).
 */
export async function recordBounce(
  payload: Payload,
  subscriberId: RecordId,
  req?: PayloadRequest,
): Promise<BounceResult> {
  // One read after the other: as the first statements of a MongoDB transaction, two at once
  // can both try to start it (payloadcms/payload#17053).
  const subscriber = await payload.findByID({
    collection: 'subscribers',
    id: subscriberId,
    depth: 0,
    overrideAccess: true,
    select: { bounceCount: true, status: true },
    req,
  })
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0, req })
  const bounceCount = (subscriber.bounceCount ?? 0) + 1
  const limit = settings.bounceLimit ?? 3
  const suppress = bounceCount >= limit && subscriber.status === 'active'
  await payload.update({
    collection: 'subscribers',
    id: subscriberId,
    data: { bounceCount, lastBounceAt: new Date().toISOString(), ...(suppress ? { status: 'bounced' } : {}) },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { bounceCount, limit, suppressed: suppress }
}
