import type { CollectionBeforeDeleteHook } from 'payload'

import { suppress } from '../../src/services/suppression'

/**
 * Deleting a subscriber is erasing them: their delivery records go too, and a keyed hash
 * of the address stays on the suppression list so no import can quietly re-add them.
 * Before the delete, in its transaction: the deliveries' required link to the subscriber
 * would otherwise block it.
 */
export const eraseTraces: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const subscriber = await req.payload.findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true, req })
  await req.payload.delete({ collection: 'deliveries', where: { subscriber: { equals: id } }, overrideAccess: true, req })
  await suppress(req.payload, subscriber.email, req)
}
