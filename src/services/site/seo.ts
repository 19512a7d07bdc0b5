import type { Metadata } from 'next'

import { env } from '@/src/env'
import type { Article, Author, Media } from '@/src/payload-types'

export const SITE_NAME = 'Mindful Press'
export const SITE_DESCRIPTION = 'Stories and lessons on mindful dating and relationships.'

export const absoluteUrl = (path: string) => new URL(path, `${env().publicUrl}/`).toString()

/**
 * The feed's link for every page's head. Next.js replaces a layout's `alternates` with the
 * page's, so each page that sets its canonical URL repeats it.
 */
export const FEED_LINK = { 'application/rss+xml': [{ url: '/feed.xml', title: `${SITE_NAME}: latest stories` }] }

const mediaOf = (value: Media | number | null | undefined): Media | undefined =>
  value && typeof value === 'object' ? value : undefined

/** The card picture for social networks: the editor's SEO image, else the hero, at 1200×630. */
function socialImage(article: Article): { url: string; width: number; height: number; alt: string } | undefined {
  const media = mediaOf(article.meta?.image) ?? mediaOf(article.heroImage)
  if (!media) return undefined
  const social = media.sizes?.social
  const source = social?.url && social.width && social.height ? social : media
  if (!source.url) return undefined
  return { url: absoluteUrl(source.url), width: source.width ?? 1200, height: source.height ?? 630, alt: media.alt }
}

export function articleTitle(article: Article): string {
  return article.meta?.title?.trim() || article.title
}

export function articleDescription(article: Article): string | undefined {
  return article.meta?.description?.trim() || article.dek || article.excerpt || undefined
}

/** Canonical URL, OpenGraph article tags and the Twitter card, all with absolute URLs. */
export function articleMetadata(article: Article, authors: Author[]): Metadata {
  const url = absoluteUrl(`/articles/${article.slug}`)
  const title = articleTitle(article)
  const description = articleDescription(article)
  const image = socialImage(article)
  return {
    title: { absolute: `${title} · ${SITE_NAME}` },
    description,
    alternates: { canonical: url, types: FEED_LINK },
    openGraph: {
      type: 'article',
      siteName: SITE_NAME,
      title,
      description,
      url,
      images: image ? [image] : undefined,
      publishedTime: article.publishedAt ?? undefined,
      modifiedTime: article.updatedAt,
      authors: authors.map((author) => absoluteUrl(`/authors/${author.slug}`)),
      section: typeof article.category === 'object' && article.category ? article.category.name : undefined,
    },
    twitter: {
      card: image ? 'summary_large_image' : 'summary',
      title,
      description,
      images: image ? [{ url: image.url, alt: image.alt }] : undefined,
    },
  }
}

/** schema.org Article, for search engines' rich results. */
export function articleJsonLd(article: Article, authors: Author[]): Record<string, unknown> {
  const image = socialImage(article)
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: articleTitle(article),
    description: articleDescription(article),
    image: image ? [image.url] : undefined,
    datePublished: article.publishedAt ?? undefined,
    dateModified: article.updatedAt,
    mainEntityOfPage: absoluteUrl(`/articles/${article.slug}`),
    author: authors.map((author) => ({
      '@type': 'Person',
      name: author.name,
      url: absoluteUrl(`/authors/${author.slug}`),
    })),
    publisher: {
      '@type': 'Organization',
      name: SITE_NAME,
      logo: { '@type': 'ImageObject', url: absoluteUrl('/icon.png') },
    },
  }
}

/** JSON-LD inside a script element: `<` escaped so no text can close the element. */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c')
}

/** Title, description, canonical URL and cards for a list page. */
export function listMetadata(title: string, description: string, path: string, page: number): Metadata {
  const canonical = absoluteUrl(page > 1 ? `${path}?page=${page}` : path)
  const pageTitle = page > 1 ? `${title} (page ${page})` : title
  return {
    title: pageTitle,
    description,
    alternates: { canonical, types: FEED_LINK },
    openGraph: { type: 'website', siteName: SITE_NAME, title: pageTitle, description, url: canonical },
    twitter: { card: 'summary', title: pageTitle, description },
  }
}
