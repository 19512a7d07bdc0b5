// The shared page cache on Redis: Next.js's cache handler (src/cacheHandler.mjs) reads and
// writes it, and every process that changes content (web, worker, seed) revalidates its tags
// here directly, so all web processes see a change at once.
//
// Plain JavaScript because Next.js loads the cache handler with Node itself, outside the
// app bundle; the TypeScript side imports the same file (src/services/site/revalidation.ts).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings'
import { ioredisAdapter } from '@fortedigital/nextjs-cache-handler/helpers/ioredisAdapter'
import { Redis } from 'ioredis'

/**
 * Entries are kept per build: a page rendered by an earlier build links to that build's
 * scripts and stylesheets, which a new deployment no longer serves.
 */
export function currentBuildId(cwd = process.cwd()) {
  const file = path.join(cwd, '.next/BUILD_ID')
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : 'development'
}

/**
 * @param {{ redisUrl: string, redisPrefix: string, buildId?: string }} options
 * @returns {{ handler: ReturnType<typeof createRedisHandler>, client: Redis }}
 */
export function createPageCacheStore({ redisUrl, redisPrefix, buildId = currentBuildId() }) {
  // Fail fast while Redis is away: pages are then rendered on every request, never refused.
  const client = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectionName: 'page-cache',
  })
  client.on('error', () => undefined)
  const handler = createRedisHandler({
    client: ioredisAdapter(client),
    keyPrefix: `${redisPrefix}:pages:${buildId}:`,
    timeoutMs: 2_000,
  })
  return { handler, client }
}
