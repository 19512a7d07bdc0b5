import type { Redis } from 'ioredis'
import { DateTime } from 'luxon'
import type { Payload } from 'payload'

import { env } from '@/src/env'
import { logger } from '../platform/logger'
import { warmupPlanOf } from './paceSettings'

/**
 * Warm-up for a new sending domain: mailbox providers trust a domain that grows its volume
 * day by day (Ghost's hosted ramp runs 42 days) and distrust one that sends a whole list on
 * its first day. The plan (Settings, else WARMUP_PLAN) gives the most digest messages for day 1, day 2, …; after its
 * last day there is no cap. The days are the site's (Settings → time zone); day 1 is the day
 * the first message went out under the plan (Settings → warmupStartedOn).
 *
 * Each batch reserves what it is about to send from today's allowance in one Redis step, so
 * all workers together keep to it. A batch that gets less sends that many and leaves the rest
 * owed; the reconciler hands the batch back every few minutes and it goes on when the next day's
 * allowance opens. The fan-out runs in id order, so the readers who joined first go first.
 */

export type WarmupDay = { day: string; dayNumber: number; allowance: number; used: number; nextDayStarts: string }

/** Takes up to ARGV[1] from the day's allowance ARGV[2]; returns how many were granted. */
const RESERVE = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local take = math.min(tonumber(ARGV[1]), tonumber(ARGV[2]) - used)
if take <= 0 then return 0 end
redis.call('INCRBY', KEYS[1], take)
redis.call('EXPIRE', KEYS[1], 3 * 86400)
return take
`

const usedKey = (day: string) => `${env().redisPrefix}:warmup:${day}`

type Settings = { timezone: string; warmupStartedOn?: string | null }

/** Today's place in the plan, or undefined when there is no plan or it is over. */
function planDay(plan: number[], settings: Settings, now: DateTime): Omit<WarmupDay, 'used'> | undefined {
  if (plan.length === 0) return undefined
  const today = now.setZone(settings.timezone).startOf('day')
  const start = settings.warmupStartedOn
    ? DateTime.fromISO(settings.warmupStartedOn, { zone: settings.timezone }).startOf('day')
    : today
  const dayNumber = Math.floor(today.diff(start, 'days').days) + 1
  if (dayNumber > plan.length) return undefined
  return {
    day: today.toISODate()!,
    dayNumber: Math.max(1, dayNumber),
    allowance: plan[Math.max(0, dayNumber - 1)],
    nextDayStarts: today.plus({ days: 1 }).toUTC().toISO()!,
  }
}

export class Warmup {
  constructor(
    private readonly payload: Payload,
    private readonly redis: Redis,
  ) {}

  /** How many of `wanted` messages may go now, reserved from today's allowance (all of them without a plan). */
  async reserve(wanted: number, now = DateTime.now()): Promise<number> {
    if (wanted === 0) return wanted
    const settings = await this.payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
    const today = planDay(warmupPlanOf(settings), settings, now)
    if (!today) return wanted
    if (!settings.warmupStartedOn) await this.markStart(today.day)
    const granted = Number(await this.redis.eval(RESERVE, 1, usedKey(today.day), wanted, today.allowance))
    if (granted < wanted)
      logger.info(
        { day: today.dayNumber, allowance: today.allowance, granted, waiting: wanted - granted },
        "warm-up: today's allowance is used up; the rest goes tomorrow",
      )
    return granted
  }

  /** Day 1 of the plan is today: recorded once, the first time a message goes out under it. */
  private async markStart(day: string) {
    await this.payload.updateGlobal({
      slug: 'settings',
      data: { warmupStartedOn: day },
      overrideAccess: true,
      depth: 0,
    })
    logger.info({ day }, 'warm-up: day 1 of WARMUP_PLAN starts today')
  }
}

/** Today's warm-up for the edition page and the metrics, or undefined when none applies. */
export async function warmupToday(
  payload: Payload,
  redis: Redis,
  now = DateTime.now(),
): Promise<WarmupDay | undefined> {
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
  if (!settings.warmupStartedOn) return undefined
  const today = planDay(warmupPlanOf(settings), settings, now)
  if (!today) return undefined
  return { ...today, used: Number((await redis.get(usedKey(today.day))) ?? 0) }
}
