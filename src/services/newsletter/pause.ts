import { DateTime } from 'luxon'
import type { Payload, Where } from 'payload'

import type { Subscriber } from '@/src/payload-types'
import { PublicRequestError } from '../platform/publicRequests'

/**
 * A reader's break: no edition reaches them until the day they chose, then the next one
 * does, with nothing to undo. Whether a reader is paused is judged at the moment an edition
 * starts sending (its `stats.startedAt`), so the fan-out and every batch of one edition
 * agree, however long the send takes.
 */

/** The lengths a reader may choose, in weeks (buttons on the pause page and the manage page). */
export const PAUSE_WEEKS = [2, 4, 8] as const
export type PauseWeeks = (typeof PAUSE_WEEKS)[number]

/** The length a form's `weeks` field chose, if it is one we offer. */
export const pauseWeeksOf = (value: unknown): PauseWeeks | undefined =>
  PAUSE_WEEKS.find((weeks) => String(weeks) === value)

/** Whether an edition that starts sending at `at` skips this reader (asked per reader: `at` is made once by the caller). */
export const isPausedAt = (subscriber: Pick<Subscriber, 'pausedUntil'>, at: Date): boolean =>
  Boolean(subscriber.pausedUntil) && Date.parse(subscriber.pausedUntil!) > at.getTime()

/** The readers an edition starting at `at` reaches, as far as pauses go (for the fan-out's query). */
export const notPausedAt = (at: Date | string): Where => ({
  or: [
    { pausedUntil: { exists: false } },
    { pausedUntil: { equals: null } },
    { pausedUntil: { less_than_equal: new Date(at).toISOString() } },
  ],
})

/** Only a reader who receives the emails can take a break from them. */
function requireActive(subscriber: Subscriber) {
  if (subscriber.status === 'pending')
    throw new PublicRequestError(409, 'Your subscription waits for your confirmation: there is nothing to pause yet.')
  if (subscriber.status !== 'active')
    throw new PublicRequestError(409, 'You no longer receive Mindful Moments, so there is nothing to pause.')
}

/** Pauses from now for the chosen weeks; pausing again starts the new length from now. */
export async function pauseSubscription(
  payload: Payload,
  subscriber: Subscriber,
  weeks: PauseWeeks,
  now = new Date(),
): Promise<Subscriber> {
  requireActive(subscriber)
  const pausedUntil = DateTime.fromJSDate(now).plus({ weeks }).toJSDate().toISOString()
  return payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { pausedUntil },
    depth: 0,
    overrideAccess: true,
  })
}

/** Ends a break at once: the next edition comes as usual. */
export async function resumeSubscription(payload: Payload, subscriber: Subscriber): Promise<Subscriber> {
  if (!subscriber.pausedUntil) return subscriber
  return payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    data: { pausedUntil: null },
    depth: 0,
    overrideAccess: true,
  })
}

/** "Wednesday 30 December 2026", in the magazine's time zone, as the pages tell a reader when emails start again. */
export function pauseEndsOn(pausedUntil: string, timezone: string): string {
  return DateTime.fromISO(pausedUntil).setZone(timezone).setLocale('en-GB').toFormat('cccc d LLLL yyyy')
}
