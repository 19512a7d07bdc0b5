import type { Redis } from 'ioredis'

import { env } from '@/src/env'
import { countField, liveCountsKey } from '@/src/insightCounters.mjs'
import { logger } from '../platform/logger'
import type { RecordId } from '../platform/records'
import { whenReady } from '../platform/redis'
import { hashForKey } from '../platform/rateLimits'

/**
 * Is a request for an edition's link a person's click? Mail providers' security scanners
 * fetch links before (or instead of) the reader; counting them as clicks would tell editors
 * that everyone read everything. What looks like a scanner is counted apart ("probably
 * scanners"), never dropped silently. Nothing here keeps who asked: the request's agent is
 * read once, for the verdict. A burst is one client opening every link of an edition: the
 * client is remembered for those seconds only, as a keyed hash (like the rate limits), never
 * as its address, and never beside a count. Many readers each clicking one story at the same
 * moment are no burst.
 */

/** Agents of link scanners, previewers and scripts (a browser names none of these). */
const SCANNER_AGENTS =
  /barracuda|proofpoint|mimecast|safelinks|bingpreview|microsoft office|ms-office|symantec|trendmicro|fireeye|forcepoint|sophos|zscaler|ironport|googleimageproxy|yahoomailproxy|go-http-client|python-|curl\/|wget|headlesschrome|phantomjs|libwww|java\/|okhttp|axios|^node$|undici|\bbot\b|crawler|spider|scanner/i

/** A scanner opens every link of a message within moments; people click one or two. */
export const BURST_WINDOW_MS = 10_000

export type FollowKind = 'click' | 'scanner'

export function looksLikeScanner(method: string, userAgent: string | null): boolean {
  return method === 'HEAD' || !userAgent || SCANNER_AGENTS.test(userAgent)
}

// Remembers which of an edition's links were followed in the window; when all of them were,
// hands them back (and forgets them) so their clicks can be moved to the scanners' count.
const BURST = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  local members = redis.call('ZRANGE', KEYS[1], 0, -1)
  redis.call('DEL', KEYS[1])
  return members
end
return {}`

/**
 * Counts one follow of the edition's link to `article`: a click, or (HEAD, a scanner's agent,
 * or the last of a burst on every link of an edition with two or more) a scanner's. A burst
 * also moves the clicks it already counted to the scanners' count.
 */
export async function countFollow(
  redis: Redis,
  follow: {
    edition: RecordId
    article: RecordId
    links: number
    method: string
    userAgent: string | null
    /** The client's address (src/services/platform/publicRequests.ts), hashed before it reaches Redis. */
    client: string
  },
): Promise<FollowKind> {
  const key = liveCountsKey(env().redisPrefix)
  const subject = (article: RecordId) => `${follow.edition}:${article}`
  try {
    await whenReady(redis)
    if (looksLikeScanner(follow.method, follow.userAgent)) {
      await redis.hincrby(key, countField('link.scanner-clicks', subject(follow.article)), 1)
      return 'scanner'
    }
    const burst =
      follow.links >= 2
        ? ((await redis.eval(
            BURST,
            1,
            `${env().redisPrefix}:insights:burst:${follow.edition}:${hashForKey(follow.client)}`,
            Date.now(),
            BURST_WINDOW_MS,
            String(follow.article),
            follow.links,
          )) as string[])
        : []
    if (burst.length === 0) {
      await redis.hincrby(key, countField('link.clicks', subject(follow.article)), 1)
      return 'click'
    }
    const moves = redis.multi().hincrby(key, countField('link.scanner-clicks', subject(follow.article)), 1)
    // The burst's earlier links were counted as clicks; a count already rolled up is corrected
    // by the negative one (the roll-up adds).
    for (const article of burst.filter((member) => member !== String(follow.article)))
      moves
        .hincrby(key, countField('link.clicks', subject(article)), -1)
        .hincrby(key, countField('link.scanner-clicks', subject(article)), 1)
    await moves.exec()
    return 'scanner'
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'a link click was not counted: Redis did not take it')
    return 'click'
  }
}
