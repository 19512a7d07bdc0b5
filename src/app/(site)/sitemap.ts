import type { MetadataRoute } from 'next'

import { sitemapEntries } from '@/src/services/site/content'
import { absoluteUrl } from '@/src/services/site/seo'

export const revalidate = 3600

/** Every published article, and every author and category with one, with when it last changed. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const entries = await sitemapEntries()
  const newest = entries
    .map((entry) => entry.lastModified)
    .sort()
    .at(-1)
  return [
    { url: absoluteUrl('/'), lastModified: newest },
    ...entries.map((entry) => ({ url: absoluteUrl(entry.path), lastModified: entry.lastModified })),
  ]
}
