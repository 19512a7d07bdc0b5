import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleList } from '@/src/components/site/ArticleList'
import { Picture } from '@/src/components/site/Picture'
import { articlesByAuthor, authorBySlug } from '@/src/services/site/content'
import { ownerListPage } from '@/src/services/site/listPages'
import { listMetadata } from '@/src/services/site/seo'

// `/authors/<slug>` and `?page=N` are rewritten here (next.config.ts).
export const revalidate = 3600
export const generateStaticParams = () => []

type Args = { params: Promise<{ slug: string; page: string }> }

const load = (params: Args['params']) => ownerListPage(params, authorBySlug, articlesByAuthor)

export async function generateMetadata({ params }: Args): Promise<Metadata> {
  const found = await load(params)
  if (!found) return {}
  const { owner: author, list } = found
  return listMetadata(author.name, author.roleLine || `Stories by ${author.name}`, `/authors/${author.slug}`, list.page)
}

export default async function AuthorPage({ params }: Args) {
  const found = await load(params)
  if (!found) notFound()
  const { owner: author, list } = found
  return (
    <>
      <header className="profile">
        <Picture media={author.avatar} sizes="8rem" priority portrait className="portrait" />
        <div>
          <h1>{author.name}</h1>
          {author.roleLine && <p className="author-role">{author.roleLine}</p>}
          {author.bio && list.page === 1 && <p>{author.bio}</p>}
        </div>
      </header>
      <h2 className="section-title">Stories by {author.name}</h2>
      <ArticleList list={list} basePath={`/authors/${author.slug}`} emptyText="No published stories yet." />
    </>
  )
}
