import type { Payload } from 'payload'

import { SUBSCRIBER_STATUSES } from '@/src/services/newsletter/subscriberStatuses'

/** Dashboard: how many readers are in each state (counts only, no one's data). */
export async function SubscriberCounts({ payload }: { payload: Payload }) {
  const counts = await Promise.all(
    SUBSCRIBER_STATUSES.map(async (status) => {
      const { totalDocs } = await payload.count({
        collection: 'subscribers',
        where: { status: { equals: status } },
        overrideAccess: true,
      })
      return [status, totalDocs] as const
    }),
  )
  return (
    <section
      className="mindful-subscriber-counts"
      aria-labelledby="subscriber-counts-title"
      style={{ marginBottom: '2rem' }}
    >
      {/* Every reader, whichever newsletters they read: Insights shows each newsletter's own list. */}
      <h2 id="subscriber-counts-title">Readers, all newsletters</h2>
      <dl style={{ display: 'flex', flexWrap: 'wrap', gap: '1.5rem', margin: 0 }}>
        {counts.map(([status, count]) => (
          <div key={status} data-status={status}>
            <dt style={{ textTransform: 'capitalize', opacity: 0.7 }}>{status}</dt>
            <dd style={{ margin: 0, fontSize: '1.6rem', fontWeight: 600 }}>{count}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
