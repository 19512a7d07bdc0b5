import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleBody } from '@/src/components/ArticleBody'
import { AuthorBox } from '@/src/components/AuthorBox'
import { ArticleCard } from '@/src/components/site/ArticleCard'
import { Byline } from '@/src/components/site/Byline'
import { Picture } from '@/src/components/site/Picture'
import type { Article, Author } from '@/src/payload-types'
import { articleBySlug, authorsOf, relatedArticles } from '@/src/services/site/content'
import { draftArticleBySlug, previewingStaff } from '@/src/services/site/preview'
import { isSlug } from '@/src/services/site/routeParams'
import { articleJsonLd, articleMetadata, jsonLdScript } from '@/src/services/site/seo'
import { idOf } from '@/src/services/platform/records'

export const revalidate = 3600
export const generateStaticParams = () => []

type Args = { params: Promise<{ slug: string }> }

/** The published article and its authors (each cached under its own tag), or the draft in preview. */
async function load(slug: string): Promise<{ article: Article; authors: Author[]; preview: boolean } | null> {
  if (!isSlug(slug)) return null
  const staff = await previewingStaff()
  if (staff) {
    const draft = await draftArticleBySlug(slug, staff)
    return draft && { ...draft, preview: true }
  }
  const article = await articleBySlug(slug)
  if (!article) return null
  return { article, authors: await authorsOf(...article.authors.map((ref) => idOf(ref))), preview: false }
}

export async function generateMetadata({ params }: Args): Promise<Metadata> {
  const found = await load((await params).slug)
  if (!found) return {}
  const metadata = articleMetadata(found.article, found.authors)
  return found.preview ? { ...metadata, robots: { index: false, follow: false } } : metadata
}

export default async function ArticlePage({ params }: Args) {
  const found = await load((await params).slug)
  if (!found) notFound()
  const { article, authors } = found
  const category = typeof article.category === 'object' ? article.category : null
  const related = category ? await relatedArticles(category.id, article.id) : []
  return (
    <>
      <article className="article">
        <header>
          {category && (
            <a className="category" href={`/categories/${category.slug}`}>
              {category.name}
            </a>
          )}
          <h1>{article.title}</h1>
          {article.dek && <p className="dek">{article.dek}</p>}
          <Byline article={{ ...article, authors }} />
        </header>
        {typeof article.heroImage === 'object' && article.heroImage && (
          <figure className="hero">
            <Picture media={article.heroImage} sizes="(min-width: 44rem) 40rem, 100vw" priority />
            {article.heroImage.credit && <figcaption className="meta">{article.heroImage.credit}</figcaption>}
          </figure>
        )}
        <ArticleBody body={article.body} />
        {authors.map((author) => (
          <AuthorBox key={author.id} author={author} />
        ))}
      </article>
      {related.length > 0 && category && (
        <section className="related" aria-labelledby="related-title">
          <h2 id="related-title">{`More in ${category.name}`}</h2>
          <ul className="article-list">
            {related.map((card) => (
              <li key={card.id}>
                <ArticleCard article={card} headingLevel={3} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: jsonLdScript(articleJsonLd(article, authors)) }}
      />
    </>
  )
}
