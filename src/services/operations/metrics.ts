import { timingSafeEqual } from 'node:crypto'

import config from '@payload-config'
import type { Queue } from 'bullmq'
import { getPayload, type Payload } from 'payload'
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client'

import { EMAIL_EVENT_PROVIDERS, EMAIL_EVENT_TYPES } from '@/src/services/newsletter/providerEvents/eventTypes'
import { EDITION_STATUSES } from '@/src/services/digest/editionWorkflow'
import { SUBSCRIBER_STATUSES } from '@/src/services/newsletter/subscriberStatuses'
import { QUEUES, webQueue } from '@/src/services/platform/queues'
import { env } from '@/src/env'
import { editionTotals } from '../digest/batches'
import { readRouteCounts } from '../platform/smtpRoutes'
import { redisClient } from '../platform/redis'
import { warmupToday } from '../deliverability/warmup'
import { dayOf, INSIGHT_COUNTERS, type CounterName } from '../insights/counters'
import { readTotals } from '../insights/totals'
import { idOf } from '../platform/records'
import { MINDFUL_MOMENTS } from '../newsletter/newsletters'

/**
 * GET /api/metrics, Prometheus text. Everything but the process's own metrics is read from
 * Redis and the database at scrape time, so the figures are right however many web and
 * worker processes run, and whichever web process answers. Labels hold names of queues,
 * states and providers, never an address or a name.
 */

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const

const registry = new Registry()
collectDefaultMetrics({ register: registry })

const queues = (): Array<[string, Queue]> =>
  Object.values(QUEUES).map((name) => [name, webQueue(name) as unknown as Queue])

const payloadNow = () => getPayload({ config })

async function countBy<T extends string>(
  payload: Payload,
  collection: 'editions' | 'subscribers',
  values: readonly T[],
) {
  return Promise.all(
    values.map(
      async (status) =>
        [
          status,
          (await payload.count({ collection, where: { status: { equals: status } }, overrideAccess: true })).totalDocs,
        ] as const,
    ),
  )
}

new Gauge({
  name: 'mindful_queue_jobs',
  help: 'Jobs in each BullMQ queue, by state.',
  labelNames: ['queue', 'state'],
  registers: [registry],
  async collect() {
    for (const [name, queue] of queues()) {
      const counts = await queue.getJobCounts(...JOB_STATES)
      for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0)
    }
  },
})

new Gauge({
  name: 'mindful_queue_oldest_waiting_seconds',
  help: 'Age of the oldest job waiting in each queue (0 when none waits).',
  labelNames: ['queue'],
  registers: [registry],
  async collect() {
    for (const [name, queue] of queues()) {
      const [oldest] = await queue.getJobs(['waiting'], 0, 0, true)
      this.set({ queue: name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0)
    }
  },
})

new Counter({
  name: 'mindful_digest_messages_total',
  help: 'Edition messages by newsletter (its slug) and outcome, over every edition (sent editions as finalized, sending ones as they stand).',
  labelNames: ['newsletter', 'outcome'],
  registers: [registry],
  async collect() {
    const payload = await payloadNow()
    const [{ docs }, { docs: newsletters }] = await Promise.all([
      payload.find({
        collection: 'editions',
        where: { status: { in: ['sending', 'sent'] } },
        select: { status: true, stats: true, newsletter: true },
        pagination: false,
        depth: 0,
        overrideAccess: true,
      }),
      payload.find({
        collection: 'newsletters',
        select: { slug: true },
        pagination: false,
        depth: 0,
        overrideAccess: true,
      }),
    ])
    const slugOf = new Map(newsletters.map((newsletter) => [String(newsletter.id), newsletter.slug]))
    const totals = new Map<string, { sent: number; failed: number; skipped: number }>()
    for (const edition of docs) {
      const slug = slugOf.get(String(idOf(edition.newsletter))) ?? MINDFUL_MOMENTS
      const sum = totals.get(slug) ?? { sent: 0, failed: 0, skipped: 0 }
      const counts = edition.status === 'sent' ? (edition.stats ?? {}) : await editionTotals(payload, edition.id)
      for (const outcome of ['sent', 'failed', 'skipped'] as const) sum[outcome] += counts[outcome] ?? 0
      totals.set(slug, sum)
    }
    // Computed, not counted here: set to the database's figure at each scrape.
    this.reset()
    for (const [newsletter, sums] of totals)
      for (const [outcome, value] of Object.entries(sums)) this.inc({ newsletter, outcome }, value)
  },
})

new Counter({
  name: 'mindful_smtp_route_messages_total',
  help: 'Messages per SMTP route (host:port): sent, deferred to the next route, failed on it.',
  labelNames: ['route', 'outcome'],
  registers: [registry],
  async collect() {
    this.reset()
    for (const { route, outcome, count } of await readRouteCounts()) this.inc({ route, outcome }, count)
  },
})

new Gauge({
  name: 'mindful_warmup_messages_today',
  help: "Under WARMUP_PLAN: today's allowance of digest messages and how many are used (absent without a plan or after it).",
  labelNames: ['kind'],
  registers: [registry],
  async collect() {
    this.reset()
    const today = await warmupToday(await payloadNow(), redisClient()).catch(() => undefined)
    if (!today) return
    this.set({ kind: 'allowance' }, today.allowance)
    this.set({ kind: 'used' }, today.used)
  },
})

new Gauge({
  name: 'mindful_insights_today',
  help: 'Today’s total of each insight counter (src/insightCounters.mjs; UTC day), over all articles, editions and newsletters.',
  labelNames: ['counter'],
  registers: [registry],
  async collect() {
    const counters = Object.keys(INSIGHT_COUNTERS) as CounterName[]
    const totals = await readTotals(await payloadNow(), redisClient(), { counters, fromDay: dayOf() })
    for (const counter of counters)
      this.set(
        { counter },
        [...(totals.get(counter)?.values() ?? [])].reduce((sum, n) => sum + n, 0),
      )
  },
})

new Gauge({
  name: 'mindful_editions',
  help: 'Editions by status.',
  labelNames: ['status'],
  registers: [registry],
  async collect() {
    for (const [status, count] of await countBy(await payloadNow(), 'editions', EDITION_STATUSES))
      this.set({ status }, count)
  },
})

new Gauge({
  name: 'mindful_subscribers',
  help: 'Subscribers by status.',
  labelNames: ['status'],
  registers: [registry],
  async collect() {
    for (const [status, count] of await countBy(await payloadNow(), 'subscribers', SUBSCRIBER_STATUSES))
      this.set({ status }, count)
  },
})

new Counter({
  name: 'mindful_email_events_total',
  help: 'Bounces, complaints and unsubscribes reported by mail providers (replays not counted).',
  labelNames: ['provider', 'type'],
  registers: [registry],
  async collect() {
    const payload = await payloadNow()
    this.reset()
    for (const provider of EMAIL_EVENT_PROVIDERS) {
      for (const type of EMAIL_EVENT_TYPES) {
        const { totalDocs } = await payload.count({
          collection: 'email-events',
          where: { and: [{ provider: { equals: provider } }, { type: { equals: type } }] },
          overrideAccess: true,
        })
        this.inc({ provider, type }, totalDocs)
      }
    }
  },
})

function authorized(request: Request, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export async function metricsResponse(request: Request): Promise<Response> {
  const token = env().metricsToken
  if (!token) return Response.json({ message: 'Metrics are off. Set METRICS_TOKEN to turn them on.' }, { status: 404 })
  if (!authorized(request, token)) {
    return Response.json(
      { message: 'Send Authorization: Bearer <METRICS_TOKEN>.' },
      { status: 401, headers: { 'www-authenticate': 'Bearer realm="metrics"' } },
    )
  }
  try {
    return new Response(await registry.metrics(), {
      headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
    })
  } catch (error) {
    return Response.json({ message: `The metrics could not be read: ${(error as Error).message}` }, { status: 503 })
  }
}
