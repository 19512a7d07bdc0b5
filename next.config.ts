import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'node:path'

import { securityHeaders } from './src/services/platform/securityHeaders'

/** `source` and `source?page=N` both go to the list's numbered page, so every page of a list is cached on its own. */
function pagedList(source: string, destination: string) {
  return [
    {
      source,
      has: [{ type: 'query' as const, key: 'page', value: '(?<page>[1-9][0-9]{0,3})' }],
      destination: `${destination}/page/:page`,
    },
    { source, destination: `${destination}/page/1` },
  ]
}

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Next.js would hash the whole page for an ETag on every answer (0.3–0.8 ms for the
  // 38 KB seed article, measured); cached pages change by revalidation, not by validators.
  generateEtags: false,
  // Bull Board reads its UI (templates, static files) from its own package folder at run time.
  serverExternalPackages: ['@bull-board/api', '@bull-board/ui', '@bull-board/hono', 'ejs'],
  images: { localPatterns: [{ pathname: '/api/media/file/**' }] },
  // Reader pages live in Redis, shared by every web process (src/cacheHandler.mjs); no
  // per-process copy that a change elsewhere could leave stale.
  cacheHandler: path.resolve(import.meta.dirname, 'src/cacheHandler.mjs'),
  cacheMaxMemorySize: 0,
  // Addresses that match no route get the magazine's own 404 page (src/app/global-not-found.tsx).
  experimental: { globalNotFound: true },
  async rewrites() {
    return {
      beforeFiles: [
        ...pagedList('/', ''),
        ...pagedList('/authors/:slug', '/authors/:slug'),
        ...pagedList('/categories/:slug', '/categories/:slug'),
        ...pagedList('/newsletter/archive', '/newsletter/archive'),
      ],
      afterFiles: [],
      fallback: [],
    }
  },
  async headers() {
    return securityHeaders()
  },
}

/**
 * Payload's `withPayload` asks every browser for its colour scheme on every path (`Accept-CH`,
 * `Critical-CH`, `Vary`): only its admin reads the answer, and Chromium fetches a page that
 * names a critical hint twice on a first visit (Lighthouse: 630 ms lost on mobile). The hints
 * stay on /admin; reader pages go without.
 */
function clientHintsForTheAdminOnly(config: NextConfig): NextConfig {
  const headers = config.headers
  if (!headers) return config
  return {
    ...config,
    async headers() {
      return (await headers()).map((rule) =>
        rule.source === '/:path*' && rule.headers.some((header) => header.key === 'Critical-CH')
          ? { ...rule, source: '/admin/:path*' }
          : rule,
      )
    },
  }
}

export default clientHintsForTheAdminOnly(withPayload(nextConfig, { devBundleServerPackages: false }))
