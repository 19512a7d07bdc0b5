// Next.js's cache handler (next.config.ts `cacheHandler`): pages, feeds and their data live
// in Redis, shared by every web process. While building there is no Redis to rely on (and
// nothing built then is served: see src/services/site/content.ts), so the build keeps its
// entries in memory.
import { CacheHandler } from '@fortedigital/nextjs-cache-handler'
import createLruHandler from '@fortedigital/nextjs-cache-handler/local-lru'
import { PHASE_PRODUCTION_BUILD } from 'next/constants.js'

import { cachedPagePolicy, transportSecurity } from './contentSecurityPolicy.mjs'
import { createPageCacheStore } from './pageCacheStore.mjs'

// The same defaults as src/env.ts, which this file cannot import (Node loads it unbundled).
const publicUrl = (process.env.PUBLIC_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, '')

/**
 * A page entering the cache gets its security headers: the policy allows exactly the page's
 * own inline scripts (by hash). Next.js sends an entry's headers with every answer it serves
 * from it, including the first (the entry is the same object).
 */
function withSecurityHeaders(handler) {
  return {
    ...handler,
    name: `${handler.name}+csp`,
    async set(key, entry, ctx) {
      const value = entry.value
      if (value?.kind === 'APP_PAGE' && typeof value.html === 'string') {
        value.headers = { ...value.headers, 'content-security-policy': cachedPagePolicy(value.html, publicUrl) }
        const hsts = transportSecurity(publicUrl)
        if (hsts) value.headers['strict-transport-security'] = hsts
      }
      return handler.set(key, entry, ctx)
    },
  }
}

CacheHandler.onCreation(() => {
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return { handlers: [createLruHandler()] }
  globalThis.mindfulPageCache ??= createPageCacheStore({
    redisUrl: process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
    redisPrefix: process.env.REDIS_PREFIX?.trim() || 'mindful',
  })
  return { handlers: [withSecurityHeaders(globalThis.mindfulPageCache.handler)] }
})

export default CacheHandler
