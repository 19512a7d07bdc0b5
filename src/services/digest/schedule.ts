import { DateTime } from 'luxon'

import type { Newsletter, Setting } from '@/src/payload-types'

/**
 * When a newsletter goes out: on its `weekday` at its `sendTime` in the magazine's
 * `timezone`, every week, every other week, or on the first such weekday of each month.
 * Wall-clock time holds across daylight-saving changes (08:00 stays 08:00). The phase of
 * the bi-weekly cycle is counted from a fixed epoch, so every process agrees on which weeks
 * are edition weeks without any stored state. Manual newsletters have no send times.
 */

export type Schedule = Pick<Newsletter, 'cadence' | 'weekday' | 'sendTime'> & Pick<Setting, 'timezone'>

const WEEKDAY_NUMBER = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 } as const

export const WEEKDAYS = Object.keys(WEEKDAY_NUMBER) as Array<keyof typeof WEEKDAY_NUMBER>

const CYCLE_DAYS = { weekly: 7, biweekly: 14 } as const

/** The cycle starts on the first chosen weekday on or after this local date. */
const EPOCH = { year: 2024, month: 1, day: 1 }

/** A scheduler firing this close to a send time counts as firing for it. */
const SEND_WINDOW_MS = 60 * 60 * 1000

const clock = (schedule: Schedule) => {
  const [hour, minute] = schedule.sendTime.split(':').map(Number)
  return { hour, minute }
}

/** The first chosen weekday on or after `day`, at the send time. */
function onWeekdayFrom(schedule: Schedule, day: DateTime): DateTime {
  const start = day.set({ ...clock(schedule), second: 0, millisecond: 0 })
  return start.plus({ days: (WEEKDAY_NUMBER[schedule.weekday] - start.weekday + 7) % 7 })
}

/** The send that follows `send` (one cycle on). */
function following(schedule: Schedule, send: DateTime): DateTime {
  if (schedule.cadence === 'monthly') return onWeekdayFrom(schedule, send.startOf('month').plus({ months: 1 }))
  return send.plus({ days: CYCLE_DAYS[schedule.cadence as keyof typeof CYCLE_DAYS] })
}

/** The send that came before `send` (one cycle back). */
function preceding(schedule: Schedule, send: DateTime): DateTime {
  if (schedule.cadence === 'monthly') return onWeekdayFrom(schedule, send.startOf('month').minus({ months: 1 }))
  return send.minus({ days: CYCLE_DAYS[schedule.cadence as keyof typeof CYCLE_DAYS] })
}

/** The send of the cycle that holds `now` (at or before it by day), from which the next ones follow. */
function cycleStart(schedule: Schedule, now: DateTime): DateTime {
  if (schedule.cadence === 'monthly') return onWeekdayFrom(schedule, now.startOf('month'))
  const first = onWeekdayFrom(schedule, DateTime.fromObject(EPOCH, { zone: schedule.timezone }))
  const days = CYCLE_DAYS[schedule.cadence as keyof typeof CYCLE_DAYS]
  const elapsedDays = Math.max(0, Math.floor(now.startOf('day').diff(first.startOf('day'), 'days').days))
  return first.plus({ days: Math.floor(elapsedDays / days) * days })
}

/** The send times from `from` on (inclusive), as many as asked for; none for a manual newsletter. */
export function nextSendTimes(schedule: Schedule, from: Date, count = 1): Date[] {
  if (schedule.cadence === 'manual') return []
  const now = DateTime.fromJSDate(from, { zone: schedule.timezone })
  const times: Date[] = []
  for (let send = cycleStart(schedule, now); times.length < count; send = following(schedule, send)) {
    if (send >= now) times.push(send.toJSDate())
  }
  return times
}

/**
 * The edition period a moment belongs to, named by its send date (e.g. "2026-11-26"), and
 * whether that moment is the send itself (within the hour): a scheduler that fires weekly,
 * or twice, still makes one edition per period. Null for a manual newsletter.
 */
export function periodAt(schedule: Schedule, at: Date): { key: string; isSendTime: boolean } | null {
  const [upcoming] = nextSendTimes(schedule, new Date(at.getTime() - SEND_WINDOW_MS), 1)
  if (!upcoming) return null
  const send = DateTime.fromJSDate(upcoming, { zone: schedule.timezone })
  const isSendTime = upcoming.getTime() <= at.getTime() + SEND_WINDOW_MS
  const current = isSendTime ? send : preceding(schedule, send)
  return { key: current.toISODate()!, isSendTime }
}

/** A weekly cron in the schedule's zone; `periodAt` lets only edition weeks through. */
export function weeklyCron(schedule: Schedule): { pattern: string; tz: string } {
  const { hour, minute } = clock(schedule)
  return { pattern: `${minute} ${hour} * * ${WEEKDAY_NUMBER[schedule.weekday] % 7}`, tz: schedule.timezone }
}
