import type { Payload } from 'payload'

import { nextSendTimes, type Schedule } from '@/src/services/digest/schedule'

const format = (date: Date, timeZone: string) =>
  date.toLocaleString('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })

const EVERY = { weekly: 'every week', biweekly: 'every two weeks', monthly: 'once a month' } as const

/** Dashboard: when each scheduled newsletter goes out next, and what is already scheduled or sending. */
export async function NextSend({ payload }: { payload: Payload }) {
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const { docs: newsletters } = await payload.find({
    collection: 'newsletters',
    where: { cadence: { not_equals: 'manual' } },
    sort: 'name',
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const schedules = newsletters.map((newsletter) => {
    const schedule: Schedule = { ...newsletter, timezone: settings.timezone }
    return { newsletter, next: nextSendTimes(schedule, new Date(), 1)[0] }
  })
  const { docs: upcoming } = await payload.find({
    collection: 'editions',
    where: { status: { in: ['scheduled', 'sending'] } },
    sort: 'scheduledFor',
    limit: 5,
    depth: 0,
    overrideAccess: true,
    select: { number: true, subject: true, status: true, scheduledFor: true },
  })
  return (
    <section className="mindful-next-send" aria-labelledby="next-send-title" style={{ marginBottom: '2rem' }}>
      <h2 id="next-send-title">Next newsletters</h2>
      {schedules.map(({ newsletter, next }) => (
        <p key={newsletter.id} data-testid="next-scheduled-send">
          <strong>{newsletter.name}</strong>: {next ? format(next, settings.timezone) : 'no date'} —{' '}
          {EVERY[newsletter.cadence as keyof typeof EVERY]}.
        </p>
      ))}
      <p>
        {settings.autoSend
          ? 'Scheduled editions are assembled and sent automatically.'
          : 'Scheduled editions are assembled as drafts for an editor to send.'}
      </p>
      {upcoming.length > 0 && (
        <ul>
          {upcoming.map((edition) => (
            <li key={edition.id}>
              <a href={`/admin/collections/editions/${edition.id}`}>
                #{edition.number} {edition.subject}
              </a>{' '}
              —{' '}
              {edition.status === 'sending'
                ? 'sending now'
                : `scheduled for ${format(new Date(edition.scheduledFor!), settings.timezone)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
