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

/** Dashboard: when the next "Mindful Moments" goes out, and what is already scheduled or sending. */
export async function NextSend({ payload }: { payload: Payload }) {
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const [next] = nextSendTimes(settings as Schedule, new Date(), 1)
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
      <h2 id="next-send-title">Next Mindful Moments</h2>
      <p data-testid="next-scheduled-send">
        {format(next, settings.timezone)} — every {settings.cadenceDays} days.{' '}
        {settings.autoSend
          ? 'It is assembled and sent automatically.'
          : 'It is assembled as a draft for an editor to send.'}
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
