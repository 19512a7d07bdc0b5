import type { Metadata } from 'next'

import { env } from '@/src/env'
import { INSIGHT_COUNTERS } from '@/src/services/insights/counters'

export const metadata: Metadata = {
  title: 'What we count',
  description: 'Every number Mindful Press keeps about what readers do: totals by day and story, never about anyone.',
}

const SUBJECTS: Record<string, string> = {
  article: 'per article, per day',
  'edition link': 'per story link of an edition, per day',
  'edition story': 'per story of an edition, per day',
  newsletter: 'per newsletter, per day',
}

/**
 * The public account of every counter, generated from the registry the code counts with
 * (src/insightCounters.mjs): a counter that is not listed here cannot be written.
 */
export default function WhatWeCountPage() {
  const { minCount, retentionDays } = env().insights
  return (
    <section className="what-we-count">
      <h1>What we count</h1>
      <p>
        We want to know which stories help our readers, without watching any of them. So every number we keep is a total
        for a day and a piece of content: how many times a story was read, how many times a link in a newsletter was
        followed. No number is kept about a reader, an email address, an IP address, a cookie or a browser, and our
        newsletters carry no tracking pixels, so we never know who opened them.
      </p>
      <p>
        This is the complete list. It is made from the same list our software counts with: a number that is not on it
        cannot be written.
      </p>
      <dl className="counter-list">
        {Object.entries(INSIGHT_COUNTERS).map(([name, counter]) => (
          <div key={name} id={name}>
            <dt>
              {counter.label} <code>{name}</code>
            </dt>
            <dd>
              {counter.what} <span className="meta">Kept {SUBJECTS[counter.subject]}.</span>
            </dd>
          </div>
        ))}
      </dl>
      <h2>How long, and how exactly</h2>
      <ul>
        <li>Each day&rsquo;s totals are kept for {retentionDays} days, then deleted.</li>
        <li>
          {`Our editors see a total below ${minCount} only as “fewer than ${minCount}”, so a small number can never point at one person.`}
        </li>
        <li>
          Beside these totals we keep what running a mailing list needs, which is not a count: who is subscribed, with
          the consent they gave, and the mail provider&rsquo;s reports of a bounce or a spam complaint for an address,
          so that we stop writing to it.
        </li>
      </ul>
    </section>
  )
}
