import type { ArticleCard as Card } from '@/src/services/site/content'
import { Byline } from './Byline'
import { Picture } from './Picture'

/** One article in a list: picture, category, title, excerpt, byline. */
export function ArticleCard({
  article,
  priority = false,
  headingLevel = 2,
}: {
  article: Card
  priority?: boolean
  headingLevel?: 2 | 3
}) {
  const Heading = `h${headingLevel}` as const
  const category = typeof article.category === 'object' ? article.category : null
  return (
    <article className="card">
      {typeof article.heroImage === 'object' && article.heroImage && (
        <a href={`/articles/${article.slug}`} tabIndex={-1} aria-hidden="true" className="card-picture">
          <Picture media={article.heroImage} sizes="(min-width: 44rem) 40rem, 100vw" priority={priority} />
        </a>
      )}
      {category && (
        <a className="category" href={`/categories/${category.slug}`}>
          {category.name}
        </a>
      )}
      <Heading>
        <a href={`/articles/${article.slug}`}>{article.title}</a>
      </Heading>
      {(article.excerpt || article.dek) && <p>{article.excerpt || article.dek}</p>}
      <Byline article={article} />
    </article>
  )
}
