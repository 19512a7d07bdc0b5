import type { PayloadRequest } from 'payload'

import { shorten } from '@/src/services/platform/text'
import { GUEST_CATEGORY } from '@/src/services/editorial/guestAuthors'
import { slugify } from '@/src/services/platform/text'
import type { Article, Submission } from '@/src/payload-types'
import { markdownToArticleBody } from './markdown'

/**
 * What accepting a guest submission makes: a new guest author (or the author an editor chose
 * for the byline) and a draft article for the editors to finish. Never an existing author
 * found by the contributor's address: nobody proved that address, and a stranger using a
 * staff writer's would get their draft under that writer's byline. Runs inside the request's
 * transaction, so either all of it happens or none.
 */
export async function createDraftFromSubmission(
  submission: Submission,
  req: PayloadRequest,
): Promise<{ author: number | string; article: number | string }> {
  const { payload } = req
  const contributor = submission.contributor
  const chosen =
    typeof submission.bylineAuthor === 'object' && submission.bylineAuthor
      ? submission.bylineAuthor.id
      : submission.bylineAuthor
  const author =
    (chosen ? { id: chosen } : undefined) ??
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

  const categoryId =
    typeof submission.category === 'object' && submission.category ? submission.category.id : submission.category
  const guestCategory = categoryId
    ? undefined
    : (
        await payload.find({
          collection: 'categories',
          where: { slug: { equals: slugify(GUEST_CATEGORY) } },
          limit: 1,
          depth: 0,
          overrideAccess: true,
          req,
        })
      ).docs[0]

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
