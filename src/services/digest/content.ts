import { DateTime } from 'luxon'
import type { Payload } from 'payload'

import { renderDigest, type DigestArticle, type DigestData, type DigestImage } from '@/emails/digest'
import { greetingName } from '@/src/services/newsletter/readerNames'
import type { RenderedEmail } from '@/emails/render'
import type { Article, Author, Category, Edition, Media, Newsletter, Setting } from '@/src/payload-types'
import { env } from '@/src/env'
import {
  editionWebUrl,
  manageUrlWithToken,
  pauseUrlWithToken,
  unsubscribeUrlWithToken,
  whatWeCountUrl,
} from '../newsletter/links'
import type { ReaderPlaceholders } from './message'
import { idOf } from '@/src/services/platform/records'
import { mindfulMoments } from '../newsletter/newsletters'
import { letterHtml } from './letter'

/** What an edition says, from the database to the rendered email (one render per edition). */

export type EditionContent = Pick<Edition, 'number' | 'subject' | 'preheader' | 'intro'> &
  Partial<Pick<Edition, 'scheduledFor'>> & {
    articles: Article[]
    /** Whose edition it is: its name and cadence in the email, its slug in the unsubscribe link. */
    newsletter: Pick<Newsletter, 'name' | 'slug' | 'cadence'>
    /** The editor's letter as email HTML (./letter), if the edition has one. */
    letterHtml?: string | null
  }

/** Who the render is for: one reader, a preview, or every reader as placeholders. */
export type ReaderView = { token: string; greetingName: string }

/** The render that is frozen and sent: every reader's values as this snapshot's placeholders. */
export const everyReader = (placeholders: ReaderPlaceholders): ReaderView => ({
  token: placeholders.token,
  greetingName: placeholders.name,
})

/** Stands in for a reader where none is involved (previews, tests to editors): the links then say they are not valid. */
export const NO_READER: ReaderView = { token: 'preview', greetingName: greetingName(null) }

const populated = <T extends object>(value: unknown): T | undefined =>
  value && typeof value === 'object' ? (value as T) : undefined

function absolute(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${env().publicUrl}${url.startsWith('/') ? '' : '/'}${url}`
}

/** The picture at the size that suits `size` ('card' for small ones), with its dimensions; none without them. */
function pictureOf(media: Media | undefined, size: 'card' | 'hero'): DigestImage | null {
  if (!media) return null
  const sized = media.sizes?.[size]
  const [url, width, height] =
    sized?.url && sized.width && sized.height
      ? [sized.url, sized.width, sized.height]
      : [media.url, media.width, media.height]
  return url && width && height ? { url: absolute(url), alt: media.alt ?? '', width, height } : null
}

/**
 * Where a story's links lead: the article itself, or (in the frozen render) the edition's
 * counted link to it and its feedback links (src/services/insights/editionLinks.ts).
 */
export type StoryLinks = {
  read: (article: Article) => string
  feedback?: (article: Article) => { more: string; less: string }
}

const directLinks: StoryLinks = { read: (article) => `${env().publicUrl}/articles/${article.slug}` }

function cardOf(article: Article, lead: boolean, links: StoryLinks): DigestArticle {
  const [author] = (article.authors ?? []).map((a) => populated<Author>(a)).filter(Boolean) as Author[]
  return {
    category: populated<Category>(article.category)?.name,
    title: article.title,
    summary: article.dek || article.excerpt,
    authorName: author?.name,
    readingMinutes: article.readingTime,
    url: links.read(article),
    feedback: links.feedback?.(article),
    image: pictureOf(populated<Media>(article.heroImage), lead ? 'hero' : 'card'),
  }
}

/** The date readers see on the edition: a scheduled one's own, otherwise today, in the magazine's time zone. */
function editionDate(content: EditionContent, timezone: string, now = Date.now()): string {
  const scheduled = content.scheduledFor ? Date.parse(content.scheduledFor) : NaN
  const when = scheduled > now ? DateTime.fromMillis(scheduled) : DateTime.fromMillis(now)
  return when.setZone(timezone).setLocale('en-GB').toLocaleString(DateTime.DATE_FULL)
}

export function digestDataOf(
  content: EditionContent,
  settings: Pick<Setting, 'postalAddress' | 'timezone'>,
  reader: ReaderView,
  links: StoryLinks = directLinks,
): DigestData {
  const lead = content.articles[0]
  const leadAuthor = lead ? populated<Author>(lead.authors?.[0]) : undefined
  return {
    newsletter: { name: content.newsletter.name, cadence: content.newsletter.cadence },
    number: content.number,
    date: editionDate(content, settings.timezone),
    subject: content.subject,
    preheader: content.preheader,
    editorsNote: content.intro,
    letterHtml: content.letterHtml ?? null,
    articles: content.articles.map((article, index) => cardOf(article, index === 0, links)),
    leadAuthor: leadAuthor ? { name: leadAuthor.name, roleLine: leadAuthor.roleLine, bio: leadAuthor.bio } : null,
    postalAddress: settings.postalAddress,
    whatWeCountUrl: whatWeCountUrl(),
    greetingName: reader.greetingName,
    webVersionUrl: editionWebUrl(content.number),
    manageUrl: manageUrlWithToken(reader.token),
    pauseUrl: pauseUrlWithToken(reader.token),
    unsubscribeUrl: unsubscribeUrlWithToken(reader.token, content.newsletter.slug),
  }
}

/** The edition with its articles, authors, categories and images, published articles only. */
export async function loadEditionContent(
  payload: Payload,
  editionId: string | number,
): Promise<EditionContent & { edition: Edition }> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  const ids = (edition.articles ?? []).map((article) => idOf(article))
  const [articles, newsletter, letter] = await Promise.all([
    loadArticles(payload, ids),
    newsletterOfEdition(payload, edition),
    // The letter's pictures, populated (depth 1) for their addresses and sizes.
    edition.letter
      ? payload
          .findByID({ collection: 'editions', id: editionId, depth: 1, overrideAccess: true, select: { letter: true } })
          .then((withPictures) => letterHtml(withPictures.letter))
      : null,
  ])
  return {
    edition,
    newsletter,
    letterHtml: letter,
    number: edition.number,
    subject: edition.subject,
    preheader: edition.preheader,
    intro: edition.intro,
    scheduledFor: edition.scheduledFor,
    articles,
  }
}

/** The edition's newsletter (one from before there were several: Mindful Moments). */
export async function newsletterOfEdition(payload: Payload, edition: Pick<Edition, 'newsletter'>): Promise<Newsletter> {
  const id = idOf(edition.newsletter)
  return id === undefined
    ? mindfulMoments(payload)
    : payload.findByID({ collection: 'newsletters', id, depth: 0, overrideAccess: true })
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
    super('This edition has no published articles and no letter yet. Add a story or write a letter before sending it.')
    this.name = 'EmptyEditionError'
  }
}

/** The one render of an edition, with placeholders for every reader (`everyReader`); or as one reader (or a preview) sees it. */
export async function renderEdition(
  payload: Payload,
  content: EditionContent,
  reader: ReaderView,
  links?: StoryLinks,
): Promise<RenderedEmail> {
  if (content.articles.length === 0 && !content.letterHtml) throw new EmptyEditionError()
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  return renderDigest(digestDataOf(content, settings, reader, links))
}
