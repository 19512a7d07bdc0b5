import { env } from '@/src/env'
import { createPageCacheStore } from '@/src/pageCacheStore.mjs'
import { logger } from '../platform/logger'
import { whenReady } from '../platform/redis'

type Store = ReturnType<typeof createPageCacheStore>

let store: Store | undefined

function pageCache(): Store {
  store ??= createPageCacheStore({ redisUrl: env().cacheRedisUrl, redisPrefix: env().redisPrefix })
  return store
}

// A page that began rendering just before a change can store what it read after the
// revalidation; revalidating once more shortly after removes such a page.
const SECOND_PASS_MS = 5_000

/**
 * Removes every cached page carrying one of these tags, for all web processes at once (the
 * cache lives in Redis). Runs wherever content changes: the web app, the worker (scheduled
 * publishing), the seed. Never fails the change it follows: if Redis is away, pages refresh
 * on their own within the hour (REVALIDATE_SECONDS in content.ts).
 */
export async function revalidatePages(tags: Iterable<string>, { secondPass = true } = {}): Promise<void> {
  const unique = [...new Set(tags)]
  if (unique.length === 0) return
  const { client, handler } = pageCache()
  try {
    await whenReady(client, 2_000)
    for (const tag of unique) await handler.revalidateTag(tag)
    logger.debug({ tags: unique }, 'pages revalidated')
  } catch (error) {
    logger.warn({ err: error, tags: unique }, 'pages could not be revalidated now; they refresh within the hour')
    return
  }
  if (secondPass) setTimeout(() => void revalidatePages(unique, { secondPass: false }), SECOND_PASS_MS).unref()
}

/** Closes the page cache's Redis connection (scripts that end, tests). */
export async function closePageCache(): Promise<void> {
  const current = store
  store = undefined
  await current?.client.quit().catch(() => undefined)
}
