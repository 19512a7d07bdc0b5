import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  GlobalAfterChangeHook,
  Payload,
} from 'payload'

import { pageTags } from './pageTags'
import { revalidatePages } from './revalidation'
import { idOf, type Ref as RefOf } from '@/src/services/platform/records'

/**
 * What each change revalidates (the tags are explained in pageTags.ts). Hooks run where the
 * change happens (web, worker, seed), so scheduled publishing by the worker is covered too.
 */

type Ref = RefOf | null | undefined
type ArticleLike = { slug?: string | null; _status?: string | null; category?: Ref; authors?: Ref[] | null }

function articleTags(article: ArticleLike | undefined): string[] {
  if (!article) return []
  const tags = [pageTags.lists]
  if (article.slug) tags.push(pageTags.article(article.slug))
  const category = idOf(article.category)
  if (category !== undefined) tags.push(pageTags.category(category))
  for (const author of article.authors ?? []) {
    const id = idOf(author)
    if (id !== undefined) tags.push(pageTags.author(id))
  }
  return tags
}

const readersSee = (article: ArticleLike | undefined) => article?._status === 'published'

export const revalidateArticle: CollectionAfterChangeHook = async ({ doc, previousDoc }) => {
  // A draft of an article readers never saw changes no page.
  if (!readersSee(doc) && !readersSee(previousDoc)) return doc
  await revalidatePages([...articleTags(doc), ...articleTags(previousDoc)])
  return doc
}

export const revalidateDeletedArticle: CollectionAfterDeleteHook = async ({ doc }) => {
  if (readersSee(doc)) await revalidatePages(articleTags(doc))
  return doc
}

/** An author's name, role, bio or portrait shows on their pages, their articles and every list. */
async function authorTags(
  payload: Payload,
  author: { id: number | string; slug?: string | null },
  previousSlug?: string | null,
) {
  const { docs } = await payload.find({
    collection: 'articles',
    where: { authors: { contains: author.id } },
    depth: 0,
    limit: 1000,
    pagination: false,
    select: { slug: true, category: true },
    overrideAccess: true,
  })
  return [
    pageTags.lists,
    pageTags.author(author.id),
    ...[author.slug, previousSlug].filter((slug): slug is string => Boolean(slug)).map(pageTags.authorSlug),
    // Their articles (bylines) and the category pages listing them.
    ...docs.flatMap((article) => (article.slug ? [pageTags.article(article.slug)] : [])),
    ...docs
      .map((article) => idOf(article.category))
      .filter((id) => id !== undefined)
      .map((id) => pageTags.category(id!)),
  ]
}

/** A category's name shows on its pages, its articles, every list and its articles' authors' pages. */
async function categoryTags(
  payload: Payload,
  category: { id: number | string; slug?: string | null },
  previousSlug?: string | null,
) {
  const { docs } = await payload.find({
    collection: 'articles',
    where: { category: { equals: category.id } },
    depth: 0,
    limit: 1000,
    pagination: false,
    select: { slug: true, authors: true },
    overrideAccess: true,
  })
  return [
    pageTags.lists,
    pageTags.category(category.id),
    ...[category.slug, previousSlug].filter((slug): slug is string => Boolean(slug)).map(pageTags.categorySlug),
    // Its articles (the article's own data names its category) and their authors' pages.
    ...docs.flatMap((article) => (article.slug ? [pageTags.article(article.slug)] : [])),
    ...docs.flatMap((article) => (article.authors ?? []).map((author) => pageTags.author(idOf(author)!))),
  ]
}

export const revalidateAuthor: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  await revalidatePages(await authorTags(req.payload, doc, previousDoc?.slug))
  return doc
}

export const revalidateCategory: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  await revalidatePages(await categoryTags(req.payload, doc, previousDoc?.slug))
  return doc
}

/** A picture (or its alt text) shows on the articles that lead with it and the authors it portrays. */
async function mediaTags(payload: Payload, mediaId: number | string) {
  const [articles, authors] = await Promise.all([
    payload.find({
      collection: 'articles',
      where: { and: [{ heroImage: { equals: mediaId } }, { _status: { equals: 'published' } }] },
      depth: 0,
      limit: 1000,
      pagination: false,
      overrideAccess: true,
    }),
    payload.find({
      collection: 'authors',
      where: { avatar: { equals: mediaId } },
      depth: 0,
      limit: 1000,
      pagination: false,
      overrideAccess: true,
    }),
  ])
  const tags = articles.docs.flatMap(articleTags)
  for (const author of authors.docs) tags.push(...(await authorTags(payload, author)))
  return tags
}

export const revalidateMedia: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  // A new upload is on no page yet.
  if (operation === 'update') await revalidatePages(await mediaTags(req.payload, doc.id))
  return doc
}

/**
 * Deleting a document clears the references to it (ON DELETE SET NULL or CASCADE) before the
 * after-delete hooks run, so its pages are looked up before it goes and refreshed after.
 */
function revalidateOnDelete(
  collection: 'authors' | 'categories' | 'media',
  tagsOf: (payload: Payload, doc: { id: number | string; slug?: string | null }) => Promise<string[]>,
) {
  const noted = (id: number | string) => `pages of deleted ${collection} ${id}`
  const beforeDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
    const doc = await req.payload.findByID({ collection, id, depth: 0, overrideAccess: true, disableErrors: true })
    if (doc) req.context[noted(id)] = await tagsOf(req.payload, doc)
  }
  const afterDelete: CollectionAfterDeleteHook = async ({ id, doc, req }) => {
    await revalidatePages((req.context[noted(id)] as string[] | undefined) ?? [])
    return doc
  }
  return { beforeDelete: [beforeDelete], afterDelete: [afterDelete] }
}

export const authorDeletion = revalidateOnDelete('authors', authorTags)
export const categoryDeletion = revalidateOnDelete('categories', categoryTags)
export const mediaDeletion = revalidateOnDelete('media', (payload, doc) => mediaTags(payload, doc.id))

/**
 * Every page shows the sign-up box, made of Settings (the archive can be switched off) and the
 * public newsletters (a deleted one leaves it at once): a change to either revalidates it.
 */
export const revalidateSignUpBox: GlobalAfterChangeHook &
  CollectionAfterChangeHook &
  CollectionAfterDeleteHook = async ({ doc }) => {
  await revalidatePages([pageTags.settings])
  return doc
}

/** The archive lists editions once they go out (sending or sent). */
const onTheWeb = (edition: { status?: string | null } | undefined) =>
  edition?.status === 'sending' || edition?.status === 'sent'

export const revalidateEditions: CollectionAfterChangeHook = async ({ doc, previousDoc }) => {
  if (onTheWeb(doc) || onTheWeb(previousDoc)) await revalidatePages([pageTags.editions])
  return doc
}

export const revalidateDeletedEdition: CollectionAfterDeleteHook = async ({ doc }) => {
  if (onTheWeb(doc)) await revalidatePages([pageTags.editions])
  return doc
}
