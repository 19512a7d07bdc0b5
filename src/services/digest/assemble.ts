import type { Payload, Where } from 'payload'

import { nextEditionNumber } from '@/src/services/digest/editionNumbers'
import type { Article, Edition, Newsletter } from '@/src/payload-types'
import type { DigestJobs } from '@/src/services/digest/jobs'
import { logger } from '../platform/logger'
import { periodAt, type Schedule } from './schedule'
import { startSending } from './send'
import { idOf, type RecordId } from '@/src/services/platform/records'
import { mindfulMoments } from '../newsletter/newsletters'

/**
 * Building a scheduled newsletter's edition ("Mindful Moments #N") from what is new:
 * articles published since its last edition went out (those offered to the digest), newest
 * first, after the editor's own picks. An editor prepares picks by keeping a draft edition
 * of that newsletter ready; the scheduler adopts the oldest such draft for its period.
 */

/** A digest stays a pleasant read: the newest articles up to this many. */
export const MAX_ARTICLES = 8

export type AssembleOutcome =
  | { kind: 'assembled'; edition: Edition; sending: boolean }
  | { kind: 'already-assembled'; edition: Edition }
  | { kind: 'off-week' }
  | { kind: 'nothing-new' }

/** Articles not in any earlier edition of the newsletter, published since its last one began sending (all, before the first). */
export async function newArticles(payload: Payload, newsletterId: RecordId): Promise<Article[]> {
  const { docs: earlier } = await payload.find({
    collection: 'editions',
    where: { and: [{ status: { in: ['sending', 'sent'] } }, { newsletter: { equals: newsletterId } }] },
    select: { articles: true, stats: true },
    sort: '-number',
    limit: 50,
    depth: 0,
    overrideAccess: true,
  })
  const featured = earlier.flatMap((edition) => (edition.articles ?? []).map((ref) => idOf(ref)))
  const since = earlier
    .map((edition) => edition.stats?.startedAt)
    .filter((at): at is string => Boolean(at))
    .sort()
    .at(-1)
  const conditions: Where[] = [{ _status: { equals: 'published' } }, { includeInDigest: { equals: true } }]
  if (since) conditions.push({ publishedAt: { greater_than: since } })
  if (featured.length > 0) conditions.push({ id: { not_in: featured } })
  const { docs } = await payload.find({
    collection: 'articles',
    where: { and: conditions },
    sort: '-publishedAt',
    limit: MAX_ARTICLES,
    depth: 0,
    overrideAccess: true,
  })
  return docs
}

/** Subject and preview line from the lead story. */
export function subjectFor(
  newsletter: Pick<Newsletter, 'name'>,
  number: number,
  lead: Pick<Article, 'title' | 'dek' | 'excerpt'>,
) {
  return {
    subject: `${newsletter.name} #${number}: ${lead.title}`.slice(0, 150),
    preheader: (lead.dek || lead.excerpt || '').slice(0, 200) || null,
  }
}

/** A newsletter's period, as the unique key its edition holds: "mindful-moments/2026-11-26". */
export const periodKeyOf = (newsletter: Pick<Newsletter, 'slug'>, period: string) => `${newsletter.slug}/${period}`

/**
 * Makes (or adopts) the newsletter's edition for `periodKey`. The unique period key means a
 * scheduler firing twice, or on two workers, still makes one edition per period.
 */
export async function assembleEdition(
  payload: Payload,
  {
    newsletter: given,
    periodKey,
    jobs,
    autoSend,
  }: { newsletter?: Newsletter; periodKey: string; jobs: DigestJobs; autoSend: boolean },
): Promise<AssembleOutcome> {
  const existing = await findByPeriod(payload, periodKey)
  if (existing) return { kind: 'already-assembled', edition: existing }
  const newsletter = given ?? (await mindfulMoments(payload))

  const { docs: drafts } = await payload.find({
    collection: 'editions',
    where: {
      and: [
        { status: { equals: 'draft' } },
        { periodKey: { exists: false } },
        { newsletter: { equals: newsletter.id } },
      ],
    },
    sort: 'createdAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const draft = drafts[0]
  const picks = (draft?.articles ?? []).map((ref) => idOf(ref))
  const fresh = (await newArticles(payload, newsletter.id)).filter(
    (article) => !picks.some((id) => String(id) === String(article.id)),
  )
  // Ids as the adapter gives them (numbers on SQLite, strings on MongoDB); the generated types know only SQLite's.
  const articles = [...picks, ...fresh.map((a) => a.id)].slice(0, MAX_ARTICLES + picks.length) as Edition['articles'] &
    unknown[]
  if (!articles || articles.length === 0) {
    logger.info({ periodKey }, 'no edition this period: nothing new was published since the last one')
    return { kind: 'nothing-new' }
  }

  let edition: Edition
  try {
    if (draft) {
      edition = await payload.update({
        collection: 'editions',
        id: draft.id,
        data: { periodKey, articles },
        depth: 0,
        overrideAccess: true,
      })
    } else {
      const number = await nextEditionNumber(payload)
      const { docs: leads } = await payload.find({
        collection: 'articles',
        where: { id: { equals: articles[0] } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
      edition = await payload.create({
        collection: 'editions',
        data: {
          number,
          periodKey,
          articles,
          newsletter: newsletter.id,
          status: 'draft',
          ...subjectFor(newsletter, number, leads[0]),
        },
        depth: 0,
        overrideAccess: true,
        // No transaction: the unique key settles a race, and the loser must see the winner at
        // once (on MongoDB an uncommitted winner inside its transaction would be invisible).
        disableTransaction: true,
      })
    }
  } catch (error) {
    // Another worker assembled this period at the same moment: its edition stands.
    const winner = await findByPeriod(payload, periodKey)
    if (winner) return { kind: 'already-assembled', edition: winner }
    throw error
  }
  logger.info(
    { edition: edition.id, number: edition.number, periodKey, articles: articles.length, autoSend },
    'edition assembled',
  )
  if (autoSend) edition = await startSending(payload, edition.id, jobs)
  return { kind: 'assembled', edition, sending: autoSend }
}

async function findByPeriod(payload: Payload, periodKey: string): Promise<Edition | undefined> {
  const { docs } = await payload.find({
    collection: 'editions',
    where: { periodKey: { equals: periodKey } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return docs[0]
}

/**
 * A newsletter's scheduler job: an edition only in its edition weeks, at the send time. A
 * newsletter made manual (or deleted) since its job was queued gets none.
 */
export async function assembleForSchedule(
  payload: Payload,
  jobs: DigestJobs,
  firedAt: Date,
  newsletterId?: RecordId,
): Promise<AssembleOutcome> {
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const newsletter =
    newsletterId === undefined
      ? await mindfulMoments(payload)
      : await payload
          .findByID({ collection: 'newsletters', id: newsletterId, depth: 0, overrideAccess: true })
          .catch(() => null)
  const schedule: Schedule | null = newsletter && { ...newsletter, timezone: settings.timezone }
  const period = schedule && periodAt(schedule, firedAt)
  if (!newsletter || !period?.isSendTime) return { kind: 'off-week' }
  return assembleEdition(payload, {
    newsletter,
    periodKey: periodKeyOf(newsletter, period.key),
    jobs,
    autoSend: Boolean(settings.autoSend),
  })
}
