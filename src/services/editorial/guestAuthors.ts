import type { CollectionAfterChangeHook } from 'payload'
import { idOf, type Ref } from '@/src/services/platform/records'

/** Accepted guest articles are filed here unless an editor picks another category. */
export const GUEST_CATEGORY = 'Guest Contributor'

/**
 * A guest author is private (their name, bio, page and API entry) until their first article
 * is published: accepting a pitch is no promise to publish, and a contributor must not appear
 * on the site, or in its API, for a piece that may never run.
 */
export const revealGuestAuthors: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (doc._status !== 'published') return doc
  const authorIds = ((doc.authors ?? []) as Ref[]).map((author) => idOf(author))
  if (authorIds.length === 0) return doc
  await req.payload.update({
    collection: 'authors',
    where: {
      and: [{ id: { in: authorIds } }, { isGuest: { equals: true } }, { hasPublishedArticle: { not_equals: true } }],
    },
    data: { hasPublishedArticle: true },
    overrideAccess: true,
    depth: 0,
    req,
  })
  return doc
}
