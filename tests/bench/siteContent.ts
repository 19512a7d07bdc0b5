/**
 * The site benchmark's magazine: 200 published articles over 10 authors and 5 categories,
 * each with the seed article's body and picture. Run by `tests/bench/site.ts` after the seed,
 * in its own process with the benchmark's environment.
 */
import { getPayload } from 'payload'

import config from '@/src/payload.config'
import { runScript } from '@/src/runScript'
import { closePageCache } from '@/src/services/site/revalidation'

const AUTHORS = 10
const CATEGORIES = 5
const ARTICLES = 200

runScript('bench content', async () => {
  const payload = await getPayload({ config })
  const { docs } = await payload.find({
    collection: 'articles',
    limit: 1,
    depth: 0,
    where: { _status: { equals: 'published' } },
  })
  const seed = docs[0]
  if (!seed) throw new Error('the seed article is missing: run the seed first')
  const authors = []
  for (let i = 0; i < AUTHORS; i++) {
    authors.push(
      await payload.create({
        collection: 'authors',
        data: {
          name: `Bench Author ${i + 1}`,
          roleLine: 'Writer and counsellor',
          bio: 'Writes about trust, patience and listening well. '.repeat(3),
        },
      }),
    )
  }
  const categories = []
  for (let i = 0; i < CATEGORIES; i++)
    categories.push(await payload.create({ collection: 'categories', data: { name: `Bench Topic ${i + 1}` } }))
  const firstDay = Date.parse('2025-01-01T08:00:00Z')
  for (let i = 0; i < ARTICLES; i++) {
    await payload.create({
      collection: 'articles',
      data: {
        title: `A mindful story, number ${i + 1}`,
        dek: seed.dek,
        body: seed.body,
        heroImage: seed.heroImage,
        authors: [authors[i % AUTHORS]!.id],
        category: categories[i % CATEGORIES]!.id,
        publishedAt: new Date(firstDay + i * 86_400_000).toISOString(),
        _status: 'published',
      },
      depth: 0,
    })
  }
  await closePageCache()
})
