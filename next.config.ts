import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Bull Board reads its UI (templates, static files) from its own package folder at run time.
  serverExternalPackages: ['@bull-board/api', '@bull-board/ui', '@bull-board/hono', 'ejs'],
  images: { localPatterns: [{ pathname: '/api/media/file/**' }] },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
