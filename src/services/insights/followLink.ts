import config from '@payload-config'
import { getPayload } from 'payload'

import { answerLinkRequest } from '../platform/linkRequests'
import { PublicRequestError } from '../platform/publicRequests'
import { idOf } from '../platform/records'
import { redisClient } from '../platform/redis'
import { countFollow } from './clicks'
import { isEditionLink } from './editionLinks'

type LinkParams = { params: Promise<{ edition: string; article: string; signature: string }> }

const NOT_OURS =
  'This link is not one of ours, or part of it went missing on the way. The stories are on our home page.'

/**
 * GET (and HEAD) /r/<edition>/<article>/<signature>: counts the follow for the story of the
 * edition (src/services/insights/clicks.ts) and sends the reader on to the article as it is
 * now (a slug changed since the send still leads there).
 */
export function followEditionLink(request: Request, { params }: LinkParams): Promise<Response> {
  return answerLinkRequest(
    request,
    async () => {
      const { edition, article, signature } = await params
      // Checked before the database is asked: a made-up link costs a hash, not a query.
      if (!isEditionLink(edition, article, signature)) throw new PublicRequestError(404, NOT_OURS)
      const payload = await getPayload({ config })
      const { docs } = await payload.find({
        collection: 'editions',
        where: { id: { equals: edition } },
        select: { articles: true },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
      const stories = (docs[0]?.articles ?? []).map((story) => String(idOf(story)))
      if (!stories.includes(article)) throw new PublicRequestError(404, NOT_OURS)
      const { docs: published } = await payload.find({
        collection: 'articles',
        where: { and: [{ id: { equals: article } }, { _status: { equals: 'published' } }] },
        select: { slug: true },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
      const slug = published[0]?.slug
      if (!slug)
        throw new PublicRequestError(404, 'This story is no longer online. The latest stories are on our home page.')
      await countFollow(redisClient(), {
        edition,
        article,
        links: stories.length,
        method: request.method,
        userAgent: request.headers.get('user-agent'),
      })
      return new Response(null, {
        status: 302,
        headers: { location: `/articles/${slug}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      })
    },
    { problemTitle: 'This link does not lead anywhere' },
  )
}
