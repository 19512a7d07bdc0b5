import type { Payload } from 'payload'

import { env } from '@/src/env'
import type { Setting } from '@/src/payload-types'
import { parseSmtpRates, parseWarmupPlan, type RoutePace } from './paces'

/**
 * The paces in force: what an admin wrote in Settings, else the environment (WARMUP_PLAN,
 * SMTP_RATE). A value in Settings that does not fit the routes (a pace for three routes
 * when two are configured) falls back to the environment rather than guessing.
 */
export function warmupPlanOf(settings: Pick<Setting, 'warmupPlan'>): number[] {
  return (settings.warmupPlan?.trim() && parseWarmupPlan(settings.warmupPlan)) || env().warmupPlan
}

export function smtpRatesOf(settings: Pick<Setting, 'smtpRate'>): Array<RoutePace | undefined> {
  return (settings.smtpRate?.trim() && parseSmtpRates(settings.smtpRate, env().smtpUrls.length)) || env().smtpRates
}

/** For the digest's routes: read again at most every 30 s, so an admin's change reaches running workers. */
export function digestRoutePaces(payload: Payload): () => Promise<Array<RoutePace | undefined>> {
  let cached: { at: number; paces: Promise<Array<RoutePace | undefined>> } | undefined
  return () => {
    if (!cached || Date.now() - cached.at > 30_000) {
      const paces = payload
        .findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
        .then(smtpRatesOf)
        .catch(() => env().smtpRates)
      cached = { at: Date.now(), paces }
    }
    return cached.paces
  }
}
