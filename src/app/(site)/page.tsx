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
      <ul className="article-list">
        {docs.map((article) => (
          <li key={article.id}>
            {typeof article.category === 'object' && article.category && (
              <span className="category">{article.category.name}</span>
            )}
            <h2>{article.title}</h2>
            {article.dek && <p>{article.dek}</p>}
          </li>
        ))}
      </ul>
    </>
  )
}
