import type { SendMailOptions } from 'nodemailer'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'

import { env, type RoutePace } from '@/src/env'
import { logger } from './logger'
import { redisClient, whenReady } from './redis'
import { classifySendError } from './smtpErrors'
import type { MailTransport } from './smtpThread'

/**
 * Several ways out, tried in order (SMTP_URLS). A route that cannot take a message for
 * reasons that are not the reader's — no connection, a 4xx throttle, a refusal of our sender
 * or login — hands it to the next route, and rests for a while so the next messages go
 * straight to a route that works; the first route is tried again once its rest is over. A
 * 5xx for one reader (an unknown mailbox, a refused message) is that reader's outcome on any
 * route, so it is not tried elsewhere. Each message is still sent once: the caller records it
 * under the route that took it. When every route is resting, they are all tried again in order.
 * A route may have its own pace (SMTP_RATE, e.g. SES's 14/s), held across all workers in
 * Redis: a message waits for it, or goes by the next route when the wait would be long.
 */

/** How long a route that failed is passed over. */
export const ROUTE_REST_MS = 30_000

export type Route = { name: string; transport: MailTransport; pace?: RoutePace }

/** A route whose pace would hold a message longer than this hands it to the next route instead. */
const LONGEST_PACE_WAIT_MS = 2_000
export type RouteSent = { messageId: string; route: string }
type Outcome = 'sent' | 'deferred' | 'failed'

/** A route's name as logs and metrics show it: host and port, never the credentials. */
export function routeName(smtpUrl: string): string {
  const url = new URL(smtpUrl)
  return `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? '465' : '587')}`
}

export class MailRoutes {
  private readonly restingUntil = new Map<string, number>()
  /** Counted here and added to Redis about once a second: a counter per message would cost the digest. */
  private tally = new Map<string, number>()
  private readonly flusher: NodeJS.Timeout

  /**
   * @param paces each route's pace by position, when it can change while running (an admin's
   *   Settings); otherwise the route's own `pace`.
   */
  constructor(
    private readonly routes: Route[],
    private readonly paces?: () => Promise<Array<RoutePace | undefined>>,
  ) {
    if (routes.length === 0) throw new Error('MailRoutes needs at least one route')
    this.flusher = setInterval(() => void this.flush(), 1_000)
    this.flusher.unref()
  }

  get names(): string[] {
    return this.routes.map((route) => route.name)
  }

  /** The routes in the order to try them now: the ones not resting first, each group in configured order. */
  private order(now = Date.now()): Route[] {
    const awake = this.routes.filter((route) => (this.restingUntil.get(route.name) ?? 0) <= now)
    const resting = this.routes.filter((route) => !awake.includes(route))
    return [...awake, ...resting]
  }

  private readonly limiters = new Map<string, RateLimiterRedis>()

  /**
   * Waits for the route's pace (SMTP_RATE), shared by every worker through Redis; false when
   * the wait would be long and another route could take the message now.
   */
  private async paced(route: Route, anotherRoute: boolean): Promise<boolean> {
    const pace = this.paces ? (await this.paces())[this.routes.indexOf(route)] : route.pace
    if (!pace) return true
    // One limiter per route and pace: a pace changed in Settings starts counting afresh.
    const key = `${route.name}|${pace.points}/${pace.durationSeconds}`
    let limiter = this.limiters.get(key)
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: redisClient(),
        keyPrefix: `${env().redisPrefix}:route-pace:${pace.points}-${pace.durationSeconds}`,
        points: pace.points,
        duration: pace.durationSeconds,
        rejectIfRedisNotReady: true,
        // Redis away: each process keeps to the pace on its own rather than sending unpaced.
        insuranceLimiter: new RateLimiterMemory({ points: pace.points, duration: pace.durationSeconds }),
      })
      this.limiters.set(key, limiter)
    }
    for (;;) {
      try {
        await limiter.consume(route.name)
        return true
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal
        if (anotherRoute && refusal.msBeforeNext > LONGEST_PACE_WAIT_MS) return false
        await new Promise((resolve) => setTimeout(resolve, refusal.msBeforeNext + Math.random() * 20))
      }
    }
  }

  async sendMail(options: SendMailOptions): Promise<RouteSent> {
    const order = this.order()
    for (const [index, route] of order.entries()) {
      if (!(await this.paced(route, index + 1 < order.length))) continue
      // A transport may take the message's buffer (see MailTransport): while another route may follow, it gets a copy.
      const attempt =
        index + 1 < order.length && Buffer.isBuffer(options.raw)
          ? { ...options, raw: Buffer.from(options.raw) }
          : options
      try {
        const info = await route.transport.sendMail(attempt)
        this.restingUntil.delete(route.name)
        this.count(route.name, 'sent')
        return { messageId: info.messageId, route: route.name }
      } catch (error) {
        const failure = classifySendError(error)
        const next = order[index + 1]
        if (failure.kind !== 'transient' || !next) {
          this.count(route.name, 'failed')
          throw error
        }
        this.count(route.name, 'deferred')
        if (!this.restingUntil.has(route.name))
          logger.warn(
            { route: route.name, next: next.name, err: failure.error },
            'an SMTP route failed; the mail goes by the next one',
          )
        this.restingUntil.set(route.name, Date.now() + ROUTE_REST_MS)
      }
    }
    throw new Error('no SMTP route could take the message')
  }

  private count(route: string, outcome: Outcome) {
    const field = `${route}|${outcome}`
    this.tally.set(field, (this.tally.get(field) ?? 0) + 1)
  }

  /** Adds what was counted to the shared figures every process's metrics read. */
  async flush(): Promise<void> {
    if (this.tally.size === 0) return
    const counts = this.tally
    this.tally = new Map()
    try {
      const redis = redisClient()
      await whenReady(redis, 2_000)
      const pipeline = redis.pipeline()
      for (const [field, count] of counts) pipeline.hincrby(routeCountsKey(), field, count)
      await pipeline.exec()
    } catch (error) {
      // Kept for the next flush: a few numbers per route, however long Redis is away.
      for (const [field, count] of counts) this.tally.set(field, (this.tally.get(field) ?? 0) + count)
      logger.debug({ err: (error as Error).message }, 'route figures not recorded yet')
    }
  }

  close(): void {
    clearInterval(this.flusher)
    void this.flush()
    for (const route of this.routes) route.transport.close()
  }
}

/** The Redis hash of messages per route and outcome (`host:port|sent`), for the metrics. */
export const routeCountsKey = () => `${env().redisPrefix}:smtp-routes`

export type RouteCounts = Array<{ route: string; outcome: Outcome; count: number }>

export async function readRouteCounts(): Promise<RouteCounts> {
  const hash = await redisClient().hgetall(routeCountsKey())
  return Object.entries(hash).map(([field, count]) => {
    const at = field.lastIndexOf('|')
    return { route: field.slice(0, at), outcome: field.slice(at + 1) as Outcome, count: Number(count) }
  })
}
