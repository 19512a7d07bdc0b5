// Article views, counted by the web server's own entry (src/server.mjs) as it answers: pages
// served from the cache never reach Next.js's rendering, but they all pass through here, and
// reader pages run no script that could count in the browser. Only the article's slug and the
// day are counted: nothing about who asked (address, agent, cookies) is even read.
import { Redis } from 'ioredis'

import { countField, liveCountsKey } from './insightCounters.mjs'

const ARTICLE_PAGE = /^\/articles\/([a-z0-9][a-z0-9-]{0,159})\/?$/
/** What a browser shows (200) or shows again from its own copy (304); a page not found is no view. */
const SHOWN = new Set([200, 304])
/** Counts kept while Redis is away, at most: a longer outage loses views rather than memory. */
const MAX_PENDING = 10_000

/**
 * @param {{ redisUrl: string, redisPrefix: string, flushMs?: number }} options
 * @returns {{ observe: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void, close: () => Promise<void> }}
 */
export function createArticleViewCounter({ redisUrl, redisPrefix, flushMs = 1_000 }) {
  const client = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectionName: 'article-views',
  })
  client.on('error', () => undefined)
  const key = liveCountsKey(redisPrefix)
  /** field → views not yet added: a spike costs one HINCRBY per article per second, not one per view. */
  const pending = new Map()

  function observe(req, res) {
    if (req.method !== 'GET') return
    const match = ARTICLE_PAGE.exec((req.url ?? '').split('?')[0])
    // Next.js's own data requests for client navigation are not a page shown (reader pages make none).
    if (!match || req.headers.rsc || req.headers['next-router-prefetch']) return
    res.once('finish', () => {
      if (!SHOWN.has(res.statusCode)) return
      const field = countField('article.views', match[1])
      pending.set(field, (pending.get(field) ?? 0) + 1)
    })
  }

  async function flush() {
    if (pending.size === 0 || client.status !== 'ready') return
    const counts = [...pending]
    pending.clear()
    const pipeline = client.pipeline()
    for (const [field, views] of counts) pipeline.hincrby(key, field, views)
    const results = await pipeline.exec().catch(() => counts.map(() => [new Error('not sent')]))
    results?.forEach(([error], i) => {
      if (!error || pending.size >= MAX_PENDING) return
      const [field, views] = counts[i]
      pending.set(field, (pending.get(field) ?? 0) + views)
    })
  }

  const timer = setInterval(() => void flush(), flushMs)
  timer.unref()
  return {
    observe,
    close: async () => {
      clearInterval(timer)
      await flush()
      client.disconnect()
    },
  }
}
