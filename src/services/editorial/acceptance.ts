import type { PayloadRequest } from 'payload'

import { shorten } from '../../../collections/Articles/hooks'
import { GUEST_CATEGORY } from '../../../collections/Categories'
import { slugify } from '../../../collections/fields/slug'
import type { Article, Submission } from '../../payload-types'
import { markdownToArticleBody } from './markdown'

/**
 * What accepting a guest submission makes: the guest author (or the one already linked to
 * the contributor's address) and a draft article for the editors to finish. Runs inside
 * the request's transaction, so either all of it happens or none.
 */
export async function createDraftFromSubmission(submission: Submission, req: PayloadRequest): Promise<{ author: number | string; article: number | string }> {
  const { payload } = req
  const contributor = submission.contributor
  const existing = await payload.find({
    collection: 'authors',
    where: { contactEmail: { equals: contributor.email } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const author =
    existing.docs[0] ??
    (await payload.create({
      collection: 'authors',
      overrideAccess: true,
      req,
      data: {
        name: contributor.name,
        roleLine: contributor.roleLine,
        bio: contributor.bio,
        isGuest: true,
        contactEmail: contributor.email,
        links: (contributor.links ?? []).map(({ url }) => ({ label: new URL(url).hostname, url })),
      },
    }))

  const categoryId = typeof submission.category === 'object' && submission.category ? submission.category.id : submission.category
  const guestCategory = categoryId
    ? undefined
    : (await payload.find({ collection: 'categories', where: { slug: { equals: slugify(GUEST_CATEGORY) } }, limit: 1, depth: 0, overrideAccess: true, req })).docs[0]

  const article = await payload.create({
    collection: 'articles',
    overrideAccess: true,
    draft: true,
    req,
    data: {
      _status: 'draft',
      title: submission.title,
      dek: shorten(submission.pitch, 400),
      body: (await markdownToArticleBody(payload.config, submission.body || submission.pitch)) as Article['body'],
      authors: [author.id],
      category: categoryId ?? guestCategory?.id,
      submission: submission.id,
      includeInDigest: true,
    },
  })
  return { author: author.id, article: article.id }
}
