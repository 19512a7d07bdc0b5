/**
 * The two paces of sending, as written in the environment (SMTP_RATE, WARMUP_PLAN) or in
 * Settings by an admin: parsed in one place, so both say the same about what they accept.
 * Nothing here reads configuration; it only reads text.
 */

/** A route's pace: at most `points` messages per `durationSeconds`, over all workers together. */
export type RoutePace = { points: number; durationSeconds: number }

export const SMTP_RATE_FORM =
  'a pace such as "14/s" or "50000/h": one for all routes, or one per route in the order of SMTP_URLS'
export const WARMUP_PLAN_FORM = 'messages per day as whole numbers, separated by commas (e.g. "200,500,1000")'

const SECONDS = { s: 1, m: 60, h: 3600 } as const

/** `14/s`, `600/m`, `50000/h`; one for every route or one per route (empty: that route unpaced). Undefined when malformed. */
export function parseSmtpRates(
  value: string | null | undefined,
  routes: number,
): Array<RoutePace | undefined> | undefined {
  const parts = (value ?? '').split(',').map((part) => part.trim())
  if (parts.every((part) => !part)) return Array.from({ length: routes }, () => undefined)
  const paces = parts.map((part) => {
    if (!part) return undefined
    const match = /^(\d{1,9})\s*\/\s*([smh])$/.exec(part)
    return match && Number(match[1]) > 0
      ? { points: Number(match[1]), durationSeconds: SECONDS[match[2] as keyof typeof SECONDS] }
      : null
  })
  if (paces.includes(null) || (paces.length !== 1 && paces.length !== routes)) return undefined
  return paces.length === 1 ? Array.from({ length: routes }, () => paces[0]!) : (paces as Array<RoutePace | undefined>)
}

/** `200,500,1000`: the most digest messages on day 1, day 2, …; empty: no plan. Undefined when malformed. */
export function parseWarmupPlan(value: string | null | undefined): number[] | undefined {
  const plan = (value ?? '')
    .split(',')
    .map((day) => day.trim())
    .filter(Boolean)
    .map(Number)
  return plan.every((count) => Number.isInteger(count) && count >= 1 && count <= 100_000_000) ? plan : undefined
}
