import config from '@payload-config'
import { draftMode, headers } from 'next/headers'
import { getPayload, type TypedUser } from 'payload'
import { cache } from 'react'

import type { Article, Author } from '@/src/payload-types'
import { isStaffUser } from '@/src/access/roles'

/**
 * Draft preview: staff open `/preview/articles/<id>`, which turns on Next.js's draft mode
 * (a signed cookie) and sends them to the article. In draft mode pages are rendered for each
 * request, never cached, and read the latest draft as the signed-in staff member; the
 * cookie alone shows nothing to someone who is not signed in.
 */
export const previewingStaff = cache(async (): Promise<TypedUser | null> => {
  if (!(await draftMode()).isEnabled) return null
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await headers() })
  return user && isStaffUser(user) ? user : null
})

export const draftArticleBySlug = cache(
  async (slug: string, user: TypedUser): Promise<{ article: Article; authors: Author[] } | null> => {
    const payload = await getPayload({ config })
    const { docs } = await payload.find({
      collection: 'articles',
      where: { slug: { equals: slug } },
      draft: true,
      limit: 1,
      depth: 2,
      user,
      overrideAccess: false,
    })
    const article = docs[0]
    if (!article) return null
    return { article, authors: article.authors.filter((author): author is Author => typeof author === 'object') }
  },
)
