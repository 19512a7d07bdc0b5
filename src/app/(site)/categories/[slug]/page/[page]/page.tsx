import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleList } from '@/src/components/site/ArticleList'
import { articlesInCategory, categoryBySlug } from '@/src/services/site/content'
import { ownerListPage } from '@/src/services/site/listPages'
import { listMetadata } from '@/src/services/site/seo'

// `/categories/<slug>` and `?page=N` are rewritten here (next.config.ts).
export const revalidate = 3600
export const generateStaticParams = () => []

type Args = { params: Promise<{ slug: string; page: string }> }

const load = (params: Args['params']) => ownerListPage(params, categoryBySlug, articlesInCategory)

export async function generateMetadata({ params }: Args): Promise<Metadata> {
  const found = await load(params)
  if (!found) return {}
  const { owner: category, list } = found
  return listMetadata(
    category.name,
    category.description || `Stories about ${category.name.toLowerCase()}`,
    `/categories/${category.slug}`,
    list.page,
  )
}

export default async function CategoryPage({ params }: Args) {
  const found = await load(params)
  if (!found) notFound()
  const { owner: category, list } = found
  return (
    <>
      <header className="list-header">
        <p className="kicker">Category</p>
        <h1>{category.name}</h1>
        {category.description && <p className="dek">{category.description}</p>}
      </header>
      <ArticleList
        list={list}
        basePath={`/categories/${category.slug}`}
        emptyText="No published stories in this category yet."
      />
    </>
  )
}
