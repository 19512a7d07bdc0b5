import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ArticleList } from '@/src/components/site/ArticleList'
import { latestArticles } from '@/src/services/site/content'
import { pageNumber } from '@/src/services/site/routeParams'
import { listMetadata, SITE_DESCRIPTION, SITE_NAME } from '@/src/services/site/seo'

// The home page: `/` and `/?page=N` are rewritten here (next.config.ts), so every page of
// the list is cached on its own and none is rendered at build time.
export const revalidate = 3600
export const generateStaticParams = () => []

type Args = { params: Promise<{ page: string }> }

export async function generateMetadata({ params }: Args): Promise<Metadata> {
  const page = pageNumber((await params).page) ?? 1
  return {
    ...listMetadata(SITE_NAME, SITE_DESCRIPTION, '/', page),
    title: page > 1 ? `Latest stories (page ${page})` : { absolute: `${SITE_NAME}: mindful dating and relationships` },
  }
}

export default async function HomePage({ params }: Args) {
  const page = pageNumber((await params).page)
  if (!page) notFound()
  const list = await latestArticles(page)
  if (page > list.totalPages) notFound()
  return (
    <>
      <h1 className={page === 1 ? 'visually-hidden' : undefined}>
        {page === 1 ? 'Latest stories' : `Latest stories, page ${page}`}
      </h1>
      <ArticleList list={list} basePath="/" emptyText="No stories yet. Come back soon." />
    </>
  )
}
