import config from '@payload-config'
import { PHASE_PRODUCTION_BUILD } from 'next/constants'
import { unstable_cache } from 'next/cache'
import { getPayload, type Where } from 'payload'
import { cache } from 'react'

import type { Article, Author, Category, Setting } from '@/src/payload-types'
import { archivedEditions } from '../digest/webVersion'
import { pageTags } from './pageTags'
import { publicNewsletters, type NewsletterChoice } from '../newsletter/newsletters'

/**
 * Everything the reader site shows, read through the Local API as an anonymous reader
 * (published articles only, no private field). Each query is:
 * - cached in the shared page cache (Redis) with the tags of what it read, so a change
 *   revalidates exactly the pages that show it (pageTags.ts, contentChanges.ts);
 * - deduplicated per request with React's `cache` (metadata and page read once);
 * - skipped while `next build` runs: there may be no database then, and nothing rendered at
 *   build time is served (the cache handler keeps build entries in memory only), so the
 *   first request renders every page from the database.
 */

export const PAGE_SIZE = 12
/** A safety net only: pages are revalidated on every change, and refresh at least hourly. */
export const REVALIDATE_SECONDS = 3600

const building = () => process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD

function cachedQuery<Args extends (string | number)[], Result>(
  name: string,
  tags: (args: NoInfer<Args>) => string[],
  query: (...args: Args) => Promise<Result>,
  whileBuilding: Result,
): (...args: Args) => Promise<Result> {
  return cache(async (...args: Args) => {
    if (building()) return whileBuilding
    return unstable_cache(() => query(...args), ['site', name, ...args.map(String)], {
      tags: tags(args),
      revalidate: REVALIDATE_SECONDS,
    })()
  })
}

const payload = () => getPayload({ config })

const PUBLISHED: Where = { _status: { equals: 'published' } }

/** The fields a card shows (a list never needs the article's body). */
const CARD_FIELDS = {
  title: true,
  slug: true,
  dek: true,
  excerpt: true,
  category: true,
  authors: true,
  heroImage: true,
  readingTime: true,
  publishedAt: true,
  updatedAt: true,
} as const

export type ArticleCard = Pick<Article, keyof typeof CARD_FIELDS | 'id'>
export type ArticlePageList = { articles: ArticleCard[]; page: number; totalPages: number }

const EMPTY_LIST: ArticlePageList = { articles: [], page: 1, totalPages: 1 }

async function listArticles(where: Where, page: number): Promise<ArticlePageList> {
  const result = await (
    await payload()
  ).find({
    collection: 'articles',
    where: { and: [PUBLISHED, where] },
    sort: '-publishedAt',
    select: CARD_FIELDS,
    limit: PAGE_SIZE,
    page,
    depth: 1,
    overrideAccess: false,
  })
  return { articles: result.docs as ArticleCard[], page, totalPages: Math.max(1, result.totalPages) }
}

/** The sign-up wording and site switches (the settings global holds nothing private). */
export const siteSettings = cachedQuery(
  'settings',
  () => [pageTags.settings],
  async () => (await payload()).findGlobal({ slug: 'settings', depth: 0, overrideAccess: false }),
  // Never served (see above): the fields' own defaults fill in.
  {} as Setting,
)

/** The newsletters the sign-up box offers (the public ones); they change with the settings tag. */
export const signUpNewsletters = cachedQuery(
  'sign-up-newsletters',
  () => [pageTags.settings],
  async () => publicNewsletters(await payload()),
  [] as NewsletterChoice[],
)

export const latestArticles = cachedQuery(
  'latest',
  () => [pageTags.lists],
  (page: number) => listArticles({}, page),
  EMPTY_LIST,
)

export const articleBySlug = cachedQuery(
  'article',
  ([slug]) => [pageTags.article(slug)],
  async (slug: string): Promise<Article | null> => {
    const { docs } = await (
      await payload()
    ).find({
      collection: 'articles',
      where: { and: [PUBLISHED, { slug: { equals: slug } }] },
      limit: 1,
      depth: 1,
      overrideAccess: false,
    })
    return docs[0] ?? null
  },
  null,
)

/** An article's authors with their portraits, tagged per author so a new bio shows at once. */
export const authorsOf = cachedQuery(
  'authors-of',
  (ids) => ids.map(pageTags.author),
  async (...ids: (string | number)[]): Promise<Author[]> => {
    const { docs } = await (
      await payload()
    ).find({
      collection: 'authors',
      where: { id: { in: ids } },
      depth: 1,
      limit: ids.length,
      overrideAccess: false,
    })
    return ids
      .map((id) => docs.find((author) => author.id === id))
      .filter((author): author is Author => Boolean(author))
  },
  [],
)

export const RELATED_COUNT = 3

/** The newest articles of the same category, for the end of an article. */
export const relatedArticles = cachedQuery(
  'related',
  ([categoryId]) => [pageTags.category(categoryId)],
  async (categoryId: string | number, articleId: string | number): Promise<ArticleCard[]> => {
    const { docs } = await (
      await payload()
    ).find({
      collection: 'articles',
      where: { and: [PUBLISHED, { category: { equals: categoryId } }, { id: { not_equals: articleId } }] },
      sort: '-publishedAt',
      select: CARD_FIELDS,
      limit: RELATED_COUNT,
      depth: 1,
      overrideAccess: false,
    })
    return docs as ArticleCard[]
  },
  [],
)

export const authorBySlug = cachedQuery(
  'author',
  ([slug]) => [pageTags.authorSlug(slug)],
  async (slug: string): Promise<Author | null> => {
    const { docs } = await (
      await payload()
    ).find({ collection: 'authors', where: { slug: { equals: slug } }, limit: 1, depth: 1, overrideAccess: false })
    return docs[0] ?? null
  },
  null,
)

export const articlesByAuthor = cachedQuery(
  'by-author',
  ([authorId]) => [pageTags.author(authorId)],
  (authorId: string | number, page: number) => listArticles({ authors: { contains: authorId } }, page),
  EMPTY_LIST,
)

export const categoryBySlug = cachedQuery(
  'category',
  ([slug]) => [pageTags.categorySlug(slug)],
  async (slug: string): Promise<Category | null> => {
    const { docs } = await (
      await payload()
    ).find({ collection: 'categories', where: { slug: { equals: slug } }, limit: 1, depth: 0, overrideAccess: false })
    return docs[0] ?? null
  },
  null,
)

export const articlesInCategory = cachedQuery(
  'in-category',
  ([categoryId]) => [pageTags.category(categoryId)],
  (categoryId: string | number, page: number) => listArticles({ category: { equals: categoryId } }, page),
  EMPTY_LIST,
)

export const FEED_SIZE = 20

/** The latest articles with their authors and category, for the RSS feed. */
export const feedArticles = cachedQuery(
  'feed',
  () => [pageTags.lists],
  async (): Promise<ArticleCard[]> => {
    const { docs } = await (
      await payload()
    ).find({
      collection: 'articles',
      where: PUBLISHED,
      sort: '-publishedAt',
      select: CARD_FIELDS,
      limit: FEED_SIZE,
      depth: 1,
      overrideAccess: false,
    })
    return docs as ArticleCard[]
  },
  [],
)

export type SitemapEntry = { path: string; lastModified: string }

/** Every published article, author and category page, with when it last changed. */
export const sitemapEntries = cachedQuery(
  'sitemap',
  () => [pageTags.lists],
  async (): Promise<SitemapEntry[]> => {
    const api = await payload()
    const every = { depth: 0, limit: 0, pagination: false, overrideAccess: false } as const
    const [articles, authors, categories] = await Promise.all([
      api.find({
        collection: 'articles',
        where: PUBLISHED,
        select: { slug: true, updatedAt: true, authors: true, category: true },
        sort: '-publishedAt',
        ...every,
      }),
      api.find({ collection: 'authors', select: { slug: true, updatedAt: true }, ...every }),
      api.find({ collection: 'categories', select: { slug: true, updatedAt: true }, ...every }),
    ])
    // Only authors and categories with a published article have a page worth listing.
    const withArticles = (key: 'authors' | 'category', id: number | string) =>
      articles.docs.some((article) =>
        [article[key]].flat().some((ref) => (typeof ref === 'object' && ref ? ref.id : ref) === id),
      )
    return [
      ...articles.docs.map((a) => ({ path: `/articles/${a.slug}`, lastModified: a.updatedAt })),
      ...authors.docs
        .filter((a) => withArticles('authors', a.id))
        .map((a) => ({ path: `/authors/${a.slug}`, lastModified: a.updatedAt })),
      ...categories.docs
        .filter((c) => withArticles('category', c.id))
        .map((c) => ({ path: `/categories/${c.slug}`, lastModified: c.updatedAt })),
    ]
  },
  [],
)

export const sentEditions = cachedQuery(
  'editions',
  () => [pageTags.editions],
  async (page: number) => archivedEditions(await payload(), page),
  { editions: [], page: 1, totalPages: 1 },
)
