import config from '@payload-config'
import { getPayload } from 'payload'

export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const payload = await getPayload({ config })
  const { docs } = await payload.find({
    collection: 'articles',
    where: { _status: { equals: 'published' } },
    sort: '-publishedAt',
    limit: 12,
    depth: 1,
    overrideAccess: false,
  })
  return (
    <>
      <h1 className="visually-hidden">Latest stories</h1>
      {docs.length === 0 && <p>No stories yet. Come back soon.</p>}
      <ul className="article-list">
        {docs.map((article) => (
          <li key={article.id}>
            {typeof article.category === 'object' && article.category && (
              <span className="category">{article.category.name}</span>
            )}
            <h2>
              <a href={`/articles/${article.slug}`}>{article.title}</a>
            </h2>
            {(article.excerpt || article.dek) && <p>{article.excerpt || article.dek}</p>}
            {article.readingTime ? <span className="meta">{article.readingTime} min read</span> : null}
          </li>
        ))}
      </ul>
    </>
  )
}
