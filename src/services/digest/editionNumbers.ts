import type { Payload, PayloadRequest } from 'payload'

/** The next "Mindful Moments #N". */
export async function nextEditionNumber(payload: Payload, req?: PayloadRequest): Promise<number> {
  const { docs } = await payload.find({
    collection: 'editions',
    sort: '-number',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
    select: { number: true },
  })
  return (docs[0]?.number ?? 0) + 1
}
