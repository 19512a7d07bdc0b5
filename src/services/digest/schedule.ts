import { DateTime } from 'luxon'

import type { Setting } from '@/src/payload-types'

/**
 * When "Mindful Moments" goes out: every `cadenceDays` days, on `weekday` at `sendTime`,
 * in `timezone`. Wall-clock time holds across daylight-saving changes (08:00 stays 08:00).
 * The phase of the cycle is counted from a fixed epoch, so every process agrees on which
 * weeks are edition weeks without any stored state.
 */

export type Schedule = Pick<Setting, 'cadenceDays' | 'weekday' | 'sendTime' | 'timezone'>

const WEEKDAY_NUMBER = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 } as const

/** The cycle starts on the first chosen weekday on or after this local date. */
const EPOCH = { year: 2024, month: 1, day: 1 }

/** A scheduler firing this close to a send time counts as firing for it. */
const SEND_WINDOW_MS = 60 * 60 * 1000

function firstSend(schedule: Schedule): DateTime {
  const [hour, minute] = schedule.sendTime.split(':').map(Number)
  const start = DateTime.fromObject({ ...EPOCH, hour, minute }, { zone: schedule.timezone })
  const offset = (WEEKDAY_NUMBER[schedule.weekday] - start.weekday + 7) % 7
  return start.plus({ days: offset })
}

/** The send times from `from` on (inclusive), as many as asked for. */
export function nextSendTimes(schedule: Schedule, from: Date, count = 1): Date[] {
  const first = firstSend(schedule)
  const now = DateTime.fromJSDate(from, { zone: schedule.timezone })
  const elapsedDays = Math.max(0, Math.floor(now.startOf('day').diff(first.startOf('day'), 'days').days))
  let cycle = Math.floor(elapsedDays / schedule.cadenceDays)
  const times: Date[] = []
  while (times.length < count) {
    const send = first.plus({ days: cycle * schedule.cadenceDays })
    if (send >= now) times.push(send.toJSDate())
    cycle++
  }
  return times
}

/**
 * The edition period a moment belongs to, named by its send date (e.g. "2026-11-26"), and
 * whether that moment is the send itself (within the hour): a scheduler that fires weekly,
 * or twice, still makes one edition per period.
 */
export function periodAt(schedule: Schedule, at: Date): { key: string; isSendTime: boolean } {
  const [upcoming] = nextSendTimes(schedule, new Date(at.getTime() - SEND_WINDOW_MS), 1)
  const send = DateTime.fromJSDate(upcoming, { zone: schedule.timezone })
  const isSendTime = upcoming.getTime() <= at.getTime() + SEND_WINDOW_MS
  const current = isSendTime ? send : send.minus({ days: schedule.cadenceDays })
  return { key: current.toISODate()!, isSendTime }
}

/** A weekly cron in the schedule's zone; `periodAt` lets only edition weeks through. */
export function weeklyCron(schedule: Schedule): { pattern: string; tz: string } {
  const [hour, minute] = schedule.sendTime.split(':').map(Number)
  return { pattern: `${minute} ${hour} * * ${WEEKDAY_NUMBER[schedule.weekday] % 7}`, tz: schedule.timezone }
}
