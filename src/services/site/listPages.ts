import type { ArticlePageList } from './content'
import { isSlug, pageNumber } from './routeParams'

/**
 * An author's or a category's list page: the owner found by its slug and the requested page
 * of its articles, or null (a 404) for a bad address, an unknown slug or a page past the end.
 */
export async function ownerListPage<Owner extends { id: number | string }>(
  params: Promise<{ slug: string; page: string }>,
  findOwner: (slug: string) => Promise<Owner | null>,
  articlesOf: (ownerId: number | string, page: number) => Promise<ArticlePageList>,
): Promise<{ owner: Owner; list: ArticlePageList } | null> {
  const { slug, page: pageParam } = await params
  const page = pageNumber(pageParam)
  if (!page || !isSlug(slug)) return null
  const owner = await findOwner(slug)
  if (!owner) return null
  const list = await articlesOf(owner.id, page)
  return page > list.totalPages ? null : { owner, list }
}
