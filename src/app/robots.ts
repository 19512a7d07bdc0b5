import type { MetadataRoute } from 'next'

import { absoluteUrl } from '../services/site/seo'

export const revalidate = 3600

/** Crawlers may read the magazine; the admin, the API, previews and personal link pages are not for them. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: '*',
      allow: '/',
      disallow: [
        '/admin',
        '/api/',
        '/preview/',
        '/newsletter/confirm',
        '/newsletter/confirm-address',
        '/newsletter/unsubscribe',
        '/newsletter/manage',
        '/newsletter/resubscribe',
        '/contribute/status',
      ],
    },
    sitemap: absoluteUrl('/sitemap.xml'),
  }
}
