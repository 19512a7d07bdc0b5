import config from '@payload-config'
import type { Metadata } from 'next'
import { DateTime } from 'luxon'
import { getPayload } from 'payload'

import { archivedEditions } from '../../../../services/digest/webVersion'

export const metadata: Metadata = { title: 'Every Mindful Moments', description: 'Every edition of the bi-weekly Mindful Moments digest, to read on the web.' }

const pageOf = (value: string | string[] | undefined) => {
  const page = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : 1
  return Math.max(1, page)
}

export default async function ArchivePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const payload = await getPayload({ config })
  const { editions, page, totalPages } = await archivedEditions(payload, pageOf((await searchParams).page))
  return (
    <section>
      <h1>Every Mindful Moments</h1>
      <p className="dek">Our bi-weekly digest, as readers received it.</p>
      {editions.length === 0 && <p>The first edition is on its way. Sign up below to get it by email.</p>}
      <ul className="article-list">
        {editions.map((edition) => (
          <li key={edition.number}>
            <span className="category">
              Mindful Moments #{edition.number}
              {edition.sentAt ? ` · ${DateTime.fromISO(edition.sentAt).setLocale('en-GB').toLocaleString(DateTime.DATE_FULL)}` : ''}
            </span>
            <h2>
              <a href={`/newsletter/editions/${edition.number}`}>{edition.subject.replace(/^Mindful Moments #\d+:\s*/, '')}</a>
            </h2>
          </li>
        ))}
      </ul>
      {totalPages > 1 && (
        <nav aria-label="Pages" className="meta">
          {page > 1 && (
            <a rel="prev" href={`/newsletter/archive?page=${page - 1}`}>
              Newer editions
            </a>
          )}{' '}
          Page {page} of {totalPages}{' '}
          {page < totalPages && (
            <a rel="next" href={`/newsletter/archive?page=${page + 1}`}>
              Older editions
            </a>
          )}
        </nav>
      )}
    </section>
  )
}
