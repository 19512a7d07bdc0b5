// Next.js's cache handler (next.config.ts `cacheHandler`): pages, feeds and their data live
// in Redis, shared by every web process. While building there is no Redis to rely on (and
// nothing built then is served: see src/services/site/content.ts), so the build keeps its
// entries in memory.
import { CacheHandler } from '@fortedigital/nextjs-cache-handler'
import createLruHandler from '@fortedigital/nextjs-cache-handler/local-lru'
import { LRUCache } from 'lru-cache'
import { PHASE_PRODUCTION_BUILD } from 'next/constants.js'

import { cachedPagePolicy, transportSecurity } from './contentSecurityPolicy.mjs'
import { sharedSettings } from './envDefaults.mjs'
import { createPageCacheStore } from './pageCacheStore.mjs'

const { publicUrl, cacheRedisUrl, redisPrefix } = sharedSettings()

/**
 * Reader pages are documents: links and plain forms, nothing on them runs in the browser (the
 * sign-up box posts a form). So their HTML goes out without Next.js's client runtime (about
 * 140 KB of JavaScript, compressed, to hydrate a page that does nothing); search engines'
 * JSON-LD stays.
 */
function withoutClientRuntime(html) {
  return html
    .replace(/<script(?![^>]*type="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="(?:preload|modulepreload)" as="script"[^>]*\/?>/g, '')
}

/**
 * What the library's handler needs around it:
 * - A page entering the cache loses the client runtime and gets its security headers (the
 *   policy allows whatever inline script remains, by hash; pages that say "not found" are never stored). Next.js sends an entry's
 *   HTML and headers with every answer it serves from it, including the first (the entry is
 *   the same object).
 * - A route's answer (feed, sitemap) keeps the tags of the data it read: the library reads
 *   them from the headers for pages only, so a route would never be revalidated.
 */
const HOUR = 60 * 60
const DAY = 24 * HOUR

/**
 * What says "there is nothing here": a 404 page, or a query that found nothing. Not stored:
 * anyone can ask for endless made-up addresses, and each would otherwise add entries to the
 * Redis that also holds the queues. Such a request is drawn again each time (one indexed
 * lookup).
 */
function isNothing(value) {
  if (value?.kind === 'APP_PAGE') return value.status === 404
  if (value?.kind === 'FETCH') return value.data?.body === 'null'
  return false
}

function forTheSite(handler) {
  return {
    ...handler,
    name: `${handler.name}+site`,
    async set(key, entry, ctx) {
      const value = entry.value
      if (isNothing(value)) return
      if (value?.kind === 'APP_PAGE' && typeof value.html === 'string') {
        value.html = withoutClientRuntime(value.html)
        value.headers = { ...value.headers, 'content-security-policy': cachedPagePolicy(value.html, publicUrl) }
        const hsts = transportSecurity(publicUrl)
        if (hsts) value.headers['strict-transport-security'] = hsts
      }
      const routeTags = value?.kind === 'APP_ROUTE' ? value.headers?.['x-next-cache-tags'] : undefined
      if (typeof routeTags === 'string' && !entry.tags?.length) entry = { ...entry, tags: routeTags.split(',') }
      return handler.set(key, entry, ctx)
    },
  }
}

/**
 * A one-second copy in this process in front of Redis ("micro-caching"): under a spike, each
 * page is fetched from Redis and decoded once a second per process instead of on every
 * request (measured in BENCHMARKS.md). A change reaches this process within that second:
 * revalidation (src/services/site/revalidation.ts) removes pages from Redis, and the copy
 * here expires.
 */
const LOCAL_SECONDS = 1
// Only finished pages and routes: a page re-rendered after a change must read its data from
// Redis, or a copy of the data from before the change would be built into the new page.
const FINISHED_ANSWERS = new Set(['APP_PAGE', 'APP_ROUTE'])

function withLocalCopy(handler) {
  const local = new LRUCache({
    max: 1_000,
    maxSize: 64 * 2 ** 20,
    sizeCalculation: (entry) =>
      Math.max(1, (entry.value?.html?.length ?? 0) + (entry.value?.rscData?.length ?? 0) + 1_000),
    ttl: LOCAL_SECONDS * 1_000,
  })
  return {
    ...handler,
    name: `${handler.name}+local`,
    async get(key, meta) {
      const copy = local.get(key)
      if (copy) return copy
      const entry = await handler.get(key, meta)
      if (entry && FINISHED_ANSWERS.has(entry.value?.kind)) local.set(key, entry)
      return entry
    },
    async set(key, entry, ctx) {
      local.delete(key)
      return handler.set(key, entry, ctx)
    },
    async revalidateTag(tag) {
      for (const [key, entry] of local.entries()) if (entry.tags?.includes(tag)) local.delete(key)
      return handler.revalidateTag(tag)
    },
    async delete(key) {
      local.delete(key)
      return handler.delete(key)
    },
  }
}

CacheHandler.onCreation(() => {
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return { handlers: [createLruHandler()] }
  globalThis.mindfulPageCache ??= createPageCacheStore({
    redisUrl: cacheRedisUrl,
    redisPrefix,
  })
  // Every entry has a bounded life in Redis (a day at most), whatever Next.js asks for: the
  // pages refresh hourly anyway, and nothing can pile up for ever beside the queues.
  return {
    handlers: [withLocalCopy(forTheSite(globalThis.mindfulPageCache.handler))],
    ttl: { defaultStaleAge: HOUR, estimateExpireAge: (staleAge) => Math.min(2 * staleAge, DAY) },
  }
})

export default CacheHandler
