import type { Payload } from 'payload'

import { renderDigest, type DigestArticle, type DigestData } from '../../../emails/digest'
import type { RenderedEmail } from '../../../emails/render'
import type { Article, Author, Category, Edition, Media, Setting } from '../../payload-types'
import { env } from '../../env'
import { unsubscribeUrlWithToken } from '../links'
import { PLACEHOLDER } from './message'

/** What an edition says, from the database to the rendered email (one render per edition). */

export type EditionContent = Pick<Edition, 'number' | 'subject' | 'preheader' | 'intro'> & { articles: Article[] }

const populated = <T extends object>(value: unknown): T | undefined => (value && typeof value === 'object' ? (value as T) : undefined)

/** The reader's own links, as placeholders substituted per reader at send time. */
export const readerLinks = (token: string = PLACEHOLDER.token) => ({
  unsubscribeUrl: unsubscribeUrlWithToken(token),
  // The unsubscribe page is where a reader manages the subscription: it has one button.
  preferencesUrl: unsubscribeUrlWithToken(token),
})

function absolute(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${env().publicUrl}${url.startsWith('/') ? '' : '/'}${url}`
}

function cardOf(article: Article): DigestArticle {
  const [author] = (article.authors ?? []).map((a) => populated<Author>(a)).filter(Boolean) as Author[]
  const image = populated<Media>(article.heroImage)
  const imageUrl = image?.sizes?.card?.url || image?.url
  return {
    category: populated<Category>(article.category)?.name,
    title: article.title,
    summary: article.dek || article.excerpt,
    authorName: author?.name,
    authorRole: author?.roleLine,
    url: `${env().publicUrl}/articles/${article.slug}`,
    image: imageUrl ? { url: absolute(imageUrl), alt: image?.alt ?? '' } : null,
  }
}

export function digestDataOf(content: EditionContent, settings: Pick<Setting, 'postalAddress'>, token?: string): DigestData {
  const lead = content.articles[0]
  const leadAuthor = lead ? populated<Author>(lead.authors?.[0]) : undefined
  return {
    number: content.number,
    subject: content.subject,
    preheader: content.preheader,
    intro: content.intro,
    articles: content.articles.map(cardOf),
    leadAuthor: leadAuthor ? { name: leadAuthor.name, roleLine: leadAuthor.roleLine, bio: leadAuthor.bio } : null,
    postalAddress: settings.postalAddress,
    ...readerLinks(token),
  }
}

/** The edition with its articles, authors, categories and images, published articles only. */
export async function loadEditionContent(payload: Payload, editionId: string | number): Promise<EditionContent & { edition: Edition }> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  const ids = (edition.articles ?? []).map((a) => (typeof a === 'object' ? a.id : a))
  const articles = await loadArticles(payload, ids)
  return { edition, number: edition.number, subject: edition.subject, preheader: edition.preheader, intro: edition.intro, articles }
}

/** Published articles by id, in the order given, ready for cards. */
export async function loadArticles(payload: Payload, ids: Array<string | number>): Promise<Article[]> {
  if (ids.length === 0) return []
  const { docs } = await payload.find({
    collection: 'articles',
    where: { and: [{ id: { in: ids } }, { _status: { equals: 'published' } }] },
    depth: 2,
    limit: ids.length,
    pagination: false,
    overrideAccess: true,
  })
  const byId = new Map(docs.map((doc) => [String(doc.id), doc]))
  return ids.map((id) => byId.get(String(id))).filter((doc): doc is Article => Boolean(doc))
}

export class EmptyEditionError extends Error {
  constructor() {
    super('This edition has no published articles yet. Add at least one before sending it.')
    this.name = 'EmptyEditionError'
  }
}

/** The one render of an edition, with placeholder links; or, with a token, as one reader (or a preview) sees it. */
export async function renderEdition(payload: Payload, content: EditionContent, token?: string): Promise<RenderedEmail> {
  if (content.articles.length === 0) throw new EmptyEditionError()
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  return renderDigest(digestDataOf(content, settings, token))
}
