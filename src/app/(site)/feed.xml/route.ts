import { Feed } from 'feed'

import type { Author } from '@/src/payload-types'
import { feedArticles } from '@/src/services/site/content'
import { absoluteUrl, SITE_DESCRIPTION, SITE_NAME } from '@/src/services/site/seo'

// Cached with the pages (tag "lists"); revalidated when any article, author or category changes.
export const revalidate = 3600

/** RSS 2.0 of the latest stories, with full author names, categories and absolute links. */
export async function GET() {
  const articles = await feedArticles()
  const feed = new Feed({
    title: SITE_NAME,
    description: SITE_DESCRIPTION,
    id: absoluteUrl('/'),
    link: absoluteUrl('/'),
    language: 'en',
    feedLinks: { rss: absoluteUrl('/feed.xml') },
    updated: articles[0]?.publishedAt ? new Date(articles[0].publishedAt) : undefined,
    copyright: `© ${SITE_NAME}`,
    generator: false,
  })
  for (const article of articles) {
    const url = absoluteUrl(`/articles/${article.slug}`)
    const media = typeof article.heroImage === 'object' && article.heroImage ? article.heroImage : undefined
    const card = media?.sizes?.card?.url ? media.sizes.card : media
    feed.addItem({
      title: article.title,
      id: url,
      link: url,
      date: new Date(article.publishedAt ?? article.updatedAt),
      description: article.excerpt || article.dek || undefined,
      author: article.authors
        .filter((author): author is Author => typeof author === 'object')
        .map((author) => ({ name: author.name, link: absoluteUrl(`/authors/${author.slug}`) })),
      category:
        typeof article.category === 'object' && article.category
          ? [{ name: article.category.name, domain: absoluteUrl(`/categories/${article.category.slug}`) }]
          : undefined,
      image: card?.url
        ? { url: absoluteUrl(card.url), type: card.mimeType ?? undefined, length: card.filesize ?? undefined }
        : undefined,
    })
  }
  return new Response(feed.rss2(), { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } })
}
