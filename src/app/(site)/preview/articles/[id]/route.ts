import config from '@payload-config'
import { draftMode } from 'next/headers'
import { getPayload } from 'payload'

import { isStaffUser } from '@/src/access/roles'
import { htmlPage } from '@/src/views/htmlPage'

export const dynamic = 'force-dynamic'

/**
 * The admin's "Preview" button: a signed-in editor or admin gets Next.js's draft mode and
 * is sent to the article, where the latest draft shows. Anyone else is refused.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers })
  if (!user || !isStaffUser(user)) {
    return htmlPage(
      401,
      'Sign in to preview',
      '<h1>Sign in to preview</h1><p>Previews of drafts are for the magazine’s editors. <a href="/admin">Sign in</a>, then use “Preview” on the article again.</p>',
    )
  }
  if (!/^\d{1,12}$|^[a-f0-9]{24}$/.test(id)) return htmlPage(404, 'No such article', '<h1>No such article</h1>')
  const article = await payload
    .findByID({ collection: 'articles', id, draft: true, depth: 0, user, overrideAccess: false })
    .catch(() => null)
  if (!article?.slug)
    return htmlPage(404, 'No such article', '<h1>No such article</h1><p>Save the draft with a title first.</p>')
  ;(await draftMode()).enable()
  return new Response(null, {
    status: 307,
    headers: { location: `/articles/${article.slug}`, 'cache-control': 'no-store' },
  })
}
