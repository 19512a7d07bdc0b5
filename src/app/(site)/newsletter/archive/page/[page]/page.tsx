import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { readableDate } from '@/src/components/site/Byline'
import { Pagination } from '@/src/components/site/Pagination'
import { sentEditions, siteSettings } from '@/src/services/site/content'
import { pageNumber } from '@/src/services/site/routeParams'
import { listMetadata } from '@/src/services/site/seo'

// `/newsletter/archive` and `?page=N` are rewritten here (next.config.ts).
export const revalidate = 3600
export const generateStaticParams = () => []

type Args = { params: Promise<{ page: string }> }

const TITLE = 'Every edition'
const DESCRIPTION =
  'Every edition of our newsletters, the bi-weekly Mindful Moments digest among them, to read on the web.'

export async function generateMetadata({ params }: Args): Promise<Metadata> {
  return listMetadata(TITLE, DESCRIPTION, '/newsletter/archive', pageNumber((await params).page) ?? 1)
}

export default async function ArchivePage({ params }: Args) {
  const page = pageNumber((await params).page)
  if (!page || (await siteSettings()).archiveOnWeb === false) notFound()
  const { editions, totalPages } = await sentEditions(page)
  if (page > totalPages) notFound()
  return (
    <section>
      <h1>{TITLE}</h1>
      <p className="dek">Our newsletters, as readers received them.</p>
      {editions.length === 0 && <p>The first edition is on its way. Sign up below to get it by email.</p>}
      <ul className="article-list">
        {editions.map((edition) => (
          <li key={edition.number}>
            <span className="category">
              {edition.newsletter} #{edition.number}
              {edition.sentAt ? ` · ${readableDate(edition.sentAt)}` : ''}
            </span>
            <h2>
              <a href={`/newsletter/editions/${edition.number}`}>{edition.subject.replace(/^[^#]+ #\d+:\s*/, '')}</a>
            </h2>
          </li>
        ))}
      </ul>
      <Pagination
        basePath="/newsletter/archive"
        page={page}
        totalPages={totalPages}
        newer="Newer editions"
        older="Older editions"
      />
    </section>
  )
}
