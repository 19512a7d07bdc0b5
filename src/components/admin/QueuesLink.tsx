import type { User } from '@/src/payload-types'

/** In the admin's navigation: the insights (staff), the queue dashboard (Bull Board) and the sender checks (admins). */
export function QueuesLink({ user }: { user?: User | null }) {
  if (!user) return null
  const insights = (
    <a href="/admin/insights" className="nav__link" style={{ display: 'block', padding: '.5rem 0' }}>
      Insights
    </a>
  )
  if (user.role !== 'admin') return insights
  return (
    <>
      {insights}
      <a href="/admin/queues" className="nav__link" style={{ display: 'block', padding: '.5rem 0' }}>
        Queues
      </a>
      <a href="/admin/sender-checks" className="nav__link" style={{ display: 'block', padding: '.5rem 0' }}>
        Sender checks
      </a>
    </>
  )
}

/** On the dashboard, for admins: where to look when something seems stuck. */
export function OperationsPanel({ user }: { user?: User | null }) {
  if (user?.role !== 'admin') return null
  return (
    <section style={{ margin: '0 0 2rem' }} aria-labelledby="operations-heading">
      <h2 id="operations-heading" style={{ margin: '0 0 .25rem' }}>
        Operations
      </h2>
      <p style={{ margin: 0 }}>
        <a href="/admin/queues">Open the queue dashboard</a> to see, retry or clean jobs. Provider bounces and
        complaints are under <a href="/admin/collections/email-events">Provider events</a>; numbers for alerting are at{' '}
        <code>/api/metrics</code> (with METRICS_TOKEN).
      </p>
    </section>
  )
}
