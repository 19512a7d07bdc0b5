import config from '@payload-config'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getPayload } from 'payload'

import { ArticleBody } from '../../../../components/ArticleBody'
import { AuthorBox } from '../../../../components/AuthorBox'
import type { Author } from '../../../../payload-types'

export const dynamic = 'force-dynamic'

type Args = { params: Promise<{ slug: string }> }

async function publishedArticle(slug: string) {
  if (!/^[a-z0-9-]{1,96}$/.test(slug)) return undefined
  const payload = await getPayload({ config })
  const { docs } = await payload.find({
    collection: 'articles',
    where: { slug: { equals: slug }, _status: { equals: 'published' } },
    limit: 1,
    depth: 1,
    overrideAccess: false,
  })
  return docs[0]
}

export async function generateMetadata({ params }: Args): Promise<Metadata> {
  const article = await publishedArticle((await params).slug)
  return article ? { title: article.title, description: article.dek ?? undefined } : {}
}

export default async function ArticlePage({ params }: Args) {
  const article = await publishedArticle((await params).slug)
  if (!article) notFound()
  const authors = article.authors.filter((author): author is Author => typeof author === 'object')
  return (
    <article className="article">
      <header>
        {typeof article.category === 'object' && article.category && <p className="category">in: {article.category.name}</p>}
        <h1>{article.title}</h1>
        {article.dek && <p className="dek">{article.dek}</p>}
        <p className="meta">
          {authors.map((a) => a.name).join(' & ')}
          {article.readingTime ? ` · ${article.readingTime} min read` : ''}
        </p>
      </header>
      <ArticleBody body={article.body} />
      {authors.map((author) => (
        <AuthorBox key={author.id} author={author} />
      ))}
    </article>
  )
}
