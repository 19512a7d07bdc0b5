import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { env } from '@/src/env'
import { editionProgress } from '../digest/editorTools'
import { idOf, type RecordId } from '../platform/records'
import { parseCountField, UNSUBSCRIBE_REASONS, type UnsubscribeReason } from '@/src/insightCounters.mjs'
import { firstDayOf, MINDFUL_MOMENTS } from './counters'
import { audienceShape, type AudienceShape } from './audience'
import { readDailyCounts, readTotals, shownCount, type ShownCount } from './totals'

/**
 * What the insights say (GET /api/insights/…, the admin's view): totals only, and every one
 * under INSIGHTS_MIN_COUNT as "<N", so a small list or a fresh edition cannot single anyone out.
 */

export type EditionInsights = {
  delivered: ShownCount
  failed: ShownCount
  bounced: ShownCount
  complained: ShownCount
  unsubscribed: ShownCount
  links: Array<{ article: RecordId; title: string; url: string; clicks: ShownCount; probablyScanners: ShownCount }>
  feedback: Array<{ article: RecordId; title: string; more: ShownCount; less: ShownCount }>
}

/** An edition's outcomes, its clicks per story and its readers' feedback per story, since it was made. */
export async function editionInsights(payload: Payload, redis: Redis, editionId: RecordId): Promise<EditionInsights> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  const progress = await editionProgress(payload, editionId)
  const totals = await readTotals(payload, redis, {
    counters: ['link.clicks', 'link.scanner-clicks', 'feedback.more', 'feedback.less'],
    fromDay: edition.createdAt.slice(0, 10),
    subjectPrefix: `${editionId}:`,
  })
  const ids = (edition.articles ?? []).map((article) => idOf(article))
  const { docs: articles } =
    ids.length === 0
      ? { docs: [] }
      : await payload.find({
          collection: 'articles',
          where: { id: { in: ids } },
          select: { title: true, slug: true },
          pagination: false,
          depth: 0,
          overrideAccess: true,
        })
  const stories = ids
    .map((id) => articles.find((article) => String(article.id) === String(id)))
    .filter((article) => article !== undefined)
  const of = (counter: string, article: RecordId) =>
    shownCount(totals.get(counter)?.get(`${editionId}:${article}`) ?? 0)
  return {
    delivered: shownCount(progress.sent),
    failed: shownCount(progress.failed),
    bounced: shownCount(progress.reported['hard-bounce']),
    complained: shownCount(progress.reported.complaint),
    unsubscribed: shownCount(progress.reported.unsubscribe),
    links: stories.map((article) => ({
      article: article.id,
      title: article.title,
      url: `${env().publicUrl}/articles/${article.slug}`,
      clicks: of('link.clicks', article.id),
      probablyScanners: of('link.scanner-clicks', article.id),
    })),
    feedback: stories.map((article) => ({
      article: article.id,
      title: article.title,
      more: of('feedback.more', article.id),
      less: of('feedback.less', article.id),
    })),
  }
}

export const INSIGHT_DAYS = [7, 30, 90] as const

/** Articles by page views over the last `days` days (today included), most read first. */
export async function articleInsights(
  payload: Payload,
  redis: Redis,
  days: number,
): Promise<{ days: number; articles: Array<{ slug: string; title: string | null; views: ShownCount }> }> {
  const totals = await readTotals(payload, redis, { counters: ['article.views'], fromDay: firstDayOf(days) })
  const views = [...(totals.get('article.views') ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])
  if (views.length === 0) return { days, articles: [] }
  const { docs } = await payload.find({
    collection: 'articles',
    where: { slug: { in: views.map(([slug]) => slug) } },
    select: { slug: true, title: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const titles = new Map(docs.map((article) => [article.slug, article.title]))
  return {
    days,
    articles: views.map(([slug, count]) => ({ slug, title: titles.get(slug) ?? null, views: shownCount(count) })),
  }
}

const NEWSLETTER_COUNTERS = [
  'newsletter.sign-ups',
  'newsletter.confirmations',
  'newsletter.unsubscribes',
  'newsletter.list-size',
] as const

export type NewsletterDay = {
  day: string
  signUps: ShownCount
  confirmations: ShownCount
  unsubscribes: ShownCount
  /** The list's size at the day's last roll-up; null for a day without one. */
  listSize: ShownCount | null
}

/** Each newsletter's sign-ups, confirmations and unsubscribes, day by day over the last `days` days. */
export async function newsletterInsights(
  payload: Payload,
  redis: Redis,
  days: number,
  now = new Date(),
): Promise<{
  days: number
  newsletters: Array<{
    slug: string
    days: NewsletterDay[]
    /** The reasons readers gave for leaving, over the whole period. */
    unsubscribeReasons: Record<UnsubscribeReason, ShownCount>
    /** Who the list is right now: receiving, paused, pending, and their topics. */
    audience?: AudienceShape
  }>
}> {
  const dayList = Array.from({ length: days }, (_, i) => firstDayOf(days - i, now))
  const counts = await readDailyCounts(payload, redis, { counters: [...NEWSLETTER_COUNTERS], fromDay: dayList[0] })
  const reasons = (
    await readTotals(payload, redis, { counters: ['newsletter.unsubscribe-reasons'], fromDay: dayList[0] })
  ).get('newsletter.unsubscribe-reasons')
  const { docs: newsletters } = await payload.find({
    collection: 'newsletters',
    sort: 'name',
    pagination: false,
    depth: 0,
    select: { slug: true },
    overrideAccess: true,
  })
  // Every newsletter we have (its audience now), and any whose counts outlived it.
  const slugs = new Set([
    MINDFUL_MOMENTS,
    ...newsletters.map((newsletter) => newsletter.slug),
    ...[...counts.keys()].map((field) => parseCountField(field).subject),
  ])
  const audiences = new Map(
    await Promise.all(
      newsletters.map(
        async (newsletter) => [newsletter.slug, await audienceShape(payload, newsletter.id, now)] as const,
      ),
    ),
  )
  return {
    days,
    newsletters: [...slugs].map((slug) => ({
      slug,
      days: dayList.map((day) => {
        const of = (counter: (typeof NEWSLETTER_COUNTERS)[number]) =>
          shownCount(counts.get(`${day}|${counter}|${slug}`) ?? 0)
        return {
          day,
          signUps: of('newsletter.sign-ups'),
          confirmations: of('newsletter.confirmations'),
          unsubscribes: of('newsletter.unsubscribes'),
          listSize: counts.has(`${day}|newsletter.list-size|${slug}`) ? of('newsletter.list-size') : null,
        }
      }),
      unsubscribeReasons: Object.fromEntries(
        Object.keys(UNSUBSCRIBE_REASONS).map((reason) => [reason, shownCount(reasons?.get(`${slug}:${reason}`) ?? 0)]),
      ) as Record<UnsubscribeReason, ShownCount>,
      ...(audiences.has(slug) ? { audience: audiences.get(slug) } : {}),
    })),
  }
}
