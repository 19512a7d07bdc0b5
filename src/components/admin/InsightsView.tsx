import type { AdminViewServerProps } from 'payload'

import { isStaffUser } from '@/src/access/roles'
import { env } from '@/src/env'
import {
  articleInsights,
  editionInsights,
  INSIGHT_DAYS,
  newsletterInsights,
  type EditionInsights,
} from '@/src/services/insights/reports'
import type { ShownCount } from '@/src/services/insights/totals'
import { redisClient } from '@/src/services/platform/redis'
import { UNSUBSCRIBE_REASONS, type UnsubscribeReason } from '@/src/insightCounters.mjs'
import { AdminPage } from './AdminPage'
import { BarRows, DailyBars } from './insights/Charts'

const COLORS = { a: '#7a4e8a', b: '#d98c5f', c: '#5f8fa8', d: '#b9b1a6' }
const LATEST_EDITIONS = 3

const shown = (count: ShownCount) => (typeof count === 'number' ? String(count) : `fewer than ${count.slice(1)}`)

/**
 * /admin/insights (editors and admins): what readers did, as totals by day and content only,
 * small ones blurred. Everything on it is listed publicly at /privacy/what-we-count.
 */
export async function InsightsView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const staff = isStaffUser(req.user)
  const asked = Number(searchParams?.days)
  const days = (INSIGHT_DAYS as readonly number[]).includes(asked) ? asked : 30
  const redis = redisClient()
  const [newsletters, articles, editions] = staff
    ? await Promise.all([
        newsletterInsights(req.payload, redis, days),
        articleInsights(req.payload, redis, days),
        req.payload
          .find({
            collection: 'editions',
            where: { status: { in: ['sending', 'sent', 'paused'] } },
            sort: '-number',
            limit: LATEST_EDITIONS,
            select: { number: true, subject: true },
            depth: 0,
            overrideAccess: true,
          })
          .then(({ docs }) =>
            Promise.all(
              docs.map(async (edition) => ({
                edition,
                insights: await editionInsights(req.payload, redis, edition.id),
              })),
            ),
          ),
      ])
    : [undefined, undefined, []]
  return (
    <AdminPage initPageResult={initPageResult} params={params} searchParams={searchParams} title="Insights">
      {!staff || !newsletters || !articles ? (
        <p>Only editors and admins can see the insights.</p>
      ) : (
        <div style={{ maxWidth: '48rem' }}>
          <p>
            Totals by day and by story, never by reader. A total below {env().insights.minCount} shows as “fewer than{' '}
            {env().insights.minCount}”. Readers can see everything we count at{' '}
            <a href="/privacy/what-we-count">/privacy/what-we-count</a>.
          </p>
          <nav aria-label="Period" style={{ display: 'flex', gap: '1rem', margin: '1rem 0' }}>
            {INSIGHT_DAYS.map((option) => (
              <a
                key={option}
                href={`/admin/insights?days=${option}`}
                aria-current={option === days ? 'page' : undefined}
                style={{ fontWeight: option === days ? 700 : 400 }}
              >
                Last {option} days
              </a>
            ))}
          </nav>

          {newsletters.newsletters.map(({ audience, ...newsletter }) => [
            <h2 key={`${newsletter.slug}-title`}>{newsletter.slug}: the list</h2>,
            audience ? (
              <p key={`${newsletter.slug}-audience`}>
                {shown(audience.active)} readers receive it today; {shown(audience.paused)} are taking a break and{' '}
                {shown(audience.pending)} have yet to confirm.
                {listSizeSince(newsletter.days)}
              </p>
            ) : null,
            audience && audience.topics.length > 0 ? (
              <BarRows
                key={`${newsletter.slug}-topics`}
                title="What readers chose (a reader with two topics counts in both)"
                rows={[
                  { label: 'Every story', values: [audience.everything] },
                  ...audience.topics.map((topic) => ({ label: topic.name, values: [topic.readers] })),
                ]}
                series={[{ name: 'readers', color: COLORS.a }]}
              />
            ) : null,
            <DailyBars
              key={newsletter.slug}
              title={`${newsletter.slug}, by day`}
              days={newsletter.days.map((day) => ({
                day: day.day,
                values: [day.signUps, day.confirmations, day.unsubscribes],
              }))}
              series={[
                { name: 'sign-ups', color: COLORS.c },
                { name: 'confirmations', color: COLORS.a },
                { name: 'unsubscribes', color: COLORS.b },
              ]}
            />,
            <BarRows
              key={`${newsletter.slug}-reasons`}
              title={`Why readers left, last ${days} days (when they said)`}
              rows={Object.entries(newsletter.unsubscribeReasons).map(([reason, count]) => ({
                label: UNSUBSCRIBE_REASONS[reason as UnsubscribeReason],
                values: [count],
              }))}
              series={[{ name: 'readers', color: COLORS.b }]}
            />,
          ])}

          <h2>Most read stories, last {days} days</h2>
          <BarRows
            title="Page views per story (counted by our server, cached pages included)"
            rows={articles.articles.slice(0, 10).map((article) => ({
              label: article.title ?? article.slug,
              values: [article.views],
            }))}
            series={[{ name: 'views', color: COLORS.a }]}
          />

          <h2>Latest editions</h2>
          {editions.length === 0 ? <p>No edition has gone out yet.</p> : null}
          {editions.map(({ edition, insights }) => (
            <EditionSection key={edition.id} number={edition.number} subject={edition.subject} insights={insights} />
          ))}
        </div>
      )}
    </AdminPage>
  )
}

/** "It had N on <day>.": the oldest list size the period holds, for growth at a glance. */
function listSizeSince(days: Array<{ day: string; listSize: ShownCount | null }>): string {
  const first = days.find((day) => day.listSize !== null)
  if (!first || first.listSize === null || first === days.at(-1)) return ''
  return ` It had ${shown(first.listSize)} on ${first.day}.`
}

function EditionSection({ number, subject, insights }: { number: number; subject: string; insights: EditionInsights }) {
  const outcomes: Array<[string, ShownCount]> = [
    ['delivered', insights.delivered],
    ['failed', insights.failed],
    ['bounced', insights.bounced],
    ['spam complaints', insights.complained],
    ['unsubscribed (provider)', insights.unsubscribed],
  ]
  return (
    <section style={{ margin: '0 0 2rem' }} aria-label={`Edition ${number}`}>
      <h3 style={{ margin: '1rem 0 .25rem' }}>
        #{number}: {subject}
      </h3>
      <p style={{ margin: '0 0 .75rem' }}>{outcomes.map(([name, count]) => `${shown(count)} ${name}`).join(' · ')}</p>
      <BarRows
        title="What became of its messages"
        rows={outcomes.map(([name, count]) => ({ label: name, values: [count] }))}
        series={[{ name: 'messages', color: COLORS.c }]}
      />
      <BarRows
        title="Clicks per story (and requests that were probably mail scanners)"
        rows={insights.links.map((link) => ({ label: link.title, values: [link.clicks, link.probablyScanners] }))}
        series={[
          { name: 'clicks', color: COLORS.a },
          { name: 'probably scanners', color: COLORS.d },
        ]}
      />
      <BarRows
        title="Readers’ feedback per story"
        rows={insights.feedback.map((story) => ({ label: story.title, values: [story.more, story.less] }))}
        series={[
          { name: 'more like this', color: COLORS.c },
          { name: 'less like this', color: COLORS.b },
        ]}
      />
    </section>
  )
}
