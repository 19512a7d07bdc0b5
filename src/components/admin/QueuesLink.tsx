import type { User } from '../../payload-types'

/** In the admin's navigation, for admins: the queue dashboard (Bull Board). */
export function QueuesLink({ user }: { user?: User | null }) {
  if (user?.role !== 'admin') return null
  return (
    <a href="/admin/queues" className="nav__link" style={{ display: 'block', padding: '.5rem 0' }}>
      Queues
    </a>
  )
}
