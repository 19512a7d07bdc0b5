import { DateTime } from 'luxon'

import type { Author } from '@/src/payload-types'
import type { ArticleCard } from '@/src/services/site/content'

export function readableDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setLocale('en-GB').toLocaleString(DateTime.DATE_FULL)
}

/** "By Nia Brooks & Sam Lee · 3 March 2026 · 6 min read", each author linking to their page. */
export function Byline({ article }: { article: Pick<ArticleCard, 'authors' | 'publishedAt' | 'readingTime'> }) {
  const authors = (article.authors ?? []).filter((author): author is Author => typeof author === 'object')
  return (
    <p className="meta">
      {authors.length > 0 && 'By '}
      {authors.map((author, index) => (
        <span key={author.id}>
          {index > 0 && ' & '}
          <a href={`/authors/${author.slug}`}>{author.name}</a>
        </span>
      ))}
      {article.publishedAt && (
        <>
          {authors.length > 0 && ' · '}
          <time dateTime={article.publishedAt}>{readableDate(article.publishedAt)}</time>
        </>
      )}
      {article.readingTime ? ` · ${article.readingTime} min read` : ''}
    </p>
  )
}
