import { createHmac } from 'node:crypto'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'

import { redisClient } from '@/src/services/platform/redis'
import { env } from '@/src/env'
import { PublicRequestError } from './publicRequests'
import { secretKeys } from './secretKeys'

/**
 * Limits for public endpoints, kept in Redis so every web process shares them. Keys never
 * hold an address or a client's IP: every key is hashed (keyed) first, so Redis never says
 * which client followed a link or signed up a minute ago. When Redis is away, each process falls
 * back to an in-memory limiter rather than letting floods through.
 */

type Limit = { points: number; durationSeconds: number; keyPrefix: string }

const limiters = new Map<string, RateLimiterRedis>()

function limiter({ points, durationSeconds, keyPrefix }: Limit): RateLimiterRedis {
  let existing = limiters.get(keyPrefix)
  if (!existing) {
    existing = new RateLimiterRedis({
      storeClient: redisClient(),
      keyPrefix: `${env().redisPrefix}:limit:${keyPrefix}`,
      points,
      duration: durationSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
    })
    limiters.set(keyPrefix, existing)
  }
  return existing
}

export const LIMITS = {
  /** Sign-ups from one client: generous for a household, hopeless for a flood. */
  signupPerClient: { points: 10, durationSeconds: 10 * 60, keyPrefix: 'signup-client' },
  /** Confirmation emails to one mailbox (CONFIRMATIONS_PER_ADDRESS_PER_DAY): nobody can mail-bomb a stranger through us. */
  get signupPerAddress(): Limit {
    return {
      points: env().abuse.confirmationsPerAddressPerDay,
      durationSeconds: 24 * 60 * 60,
      keyPrefix: 'signup-address',
    }
  },
  /** Mail to unconfirmed addresses over the whole site (UNCONFIRMED_MAIL_PER_HOUR): many clients together cannot either. */
  get unconfirmedMail(): Limit {
    return { points: env().abuse.unconfirmedMailPerHour, durationSeconds: 60 * 60, keyPrefix: 'unconfirmed-mail' }
  },
  /** Guest submissions from one client, and for one contributor address. */
  submissionPerClient: { points: 5, durationSeconds: 60 * 60, keyPrefix: 'submission-client' },
  submissionPerAddress: { points: 5, durationSeconds: 24 * 60 * 60, keyPrefix: 'submission-address' },
  /** Any API request: an editor's busiest minute is far below this, a scraper is not. */
  apiPerClient: { points: 600, durationSeconds: 60, keyPrefix: 'api-client' },
  /** Signed provider webhooks (bounces, complaints): a burst of them must never be refused by the API's limit. */
  webhooksPerClient: { points: 6_000, durationSeconds: 60, keyPrefix: 'webhooks-client' },
  /** Confirm and unsubscribe links: tokens are unguessable, this only stops hammering. */
  linksPerClient: { points: 60, durationSeconds: 60, keyPrefix: 'links-client' },
} satisfies Record<string, Limit>

/**
 * Keys never hold an address: a keyed hash (HMAC with a key from our secret), so a list of
 * likely addresses cannot be hashed and looked up in Redis as a plain SHA-256 could.
 */
export const hashForKey = (value: string) =>
  createHmac('sha256', secretKeys('rate limit keys')[0]).update(value).digest('base64url').slice(0, 32)

/** The one bucket that counts for the whole site. */
export const SITE_WIDE = 'site'

/** Counts one request against `limit` for `key`; over the limit it throws a 429 with Retry-After. */
export async function consume(limit: Limit, key: string): Promise<void> {
  try {
    await limiter(limit).consume(hashForKey(key))
  } catch (result) {
    if (!(result instanceof RateLimiterRes)) throw result
    const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000))
    throw new PublicRequestError(429, `Too many requests. Please try again in ${seconds} seconds.`, undefined, {
      'retry-after': String(seconds),
    })
  }
}

/**
 * Remembers `key` for `seconds`: true the first time (with a way to forget it again), false
 * while it is remembered. Across every web process, so a one-time value is used once.
 */
export async function rememberOnce(key: string, seconds: number): Promise<(() => Promise<void>) | undefined> {
  const name = `${env().redisPrefix}:once:${hashForKey(key)}`
  const first = await redisClient().set(name, '1', 'EX', seconds, 'NX')
  return first === 'OK' ? async () => void (await redisClient().del(name)) : undefined
}
