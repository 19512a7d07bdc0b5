import type { Redis } from 'ioredis'
import type { Endpoint, PayloadRequest } from 'payload'

import { isStaffRequest } from '@/src/access/roles'
import { env } from '@/src/env'
import { articleInsights, editionInsights, newsletterInsights } from '@/src/services/insights/reports'
import { redisClient } from '@/src/services/platform/redis'
import { noStoreJson } from '@/src/services/platform/responses'

/**
 * GET /api/insights/editions/:id, /api/insights/articles?days=N and /api/insights/newsletters?days=N,
 * for staff: the same aggregate figures as the admin's insights view, small ones blurred ("<5").
 */

const staffOnly =
  (handler: (req: PayloadRequest) => Promise<Response>): Endpoint['handler'] =>
  async (req) => {
    if (!req.user) return noStoreJson({ message: 'Please log in as an editor or admin.' }, 401)
    if (!isStaffRequest(req)) return noStoreJson({ message: 'Insights are for editors and admins.' }, 403)
    return handler(req)
  }

const editionEndpoint: Endpoint = {
  path: '/insights/editions/:id',
  method: 'get',
  handler: staffOnly(async (req) => {
    const id = String(req.routeParams?.id ?? '')
    try {
      await req.payload.findByID({ collection: 'editions', id, depth: 0, overrideAccess: true })
    } catch {
      return noStoreJson({ message: 'No edition with this id.' }, 404)
    }
    return noStoreJson(await editionInsights(req.payload, redisClient(), id))
  }),
}

/** `?days=N`: 1 up to the days counts are kept (30 when absent); undefined when it is not. */
function daysAsked(req: PayloadRequest): number | undefined {
  const given = new URL(req.url ?? '', 'http://localhost').searchParams.get('days') ?? '30'
  const days = /^\d{1,5}$/.test(given) ? Number(given) : NaN
  return days >= 1 && days <= env().insights.retentionDays ? days : undefined
}

const badDays = () =>
  noStoreJson(
    { message: `days must be a whole number from 1 to ${env().insights.retentionDays} (the days counts are kept).` },
    400,
  )

/** An insights answer over the last `?days=N` days. */
const periodEndpoint = (
  path: string,
  report: (payload: PayloadRequest['payload'], redis: Redis, days: number) => Promise<unknown>,
): Endpoint => ({
  path,
  method: 'get',
  handler: staffOnly(async (req) => {
    const days = daysAsked(req)
    return days ? noStoreJson(await report(req.payload, redisClient(), days)) : badDays()
  }),
})

export const insightsEndpoints: Endpoint[] = [
  editionEndpoint,
  periodEndpoint('/insights/articles', articleInsights),
  periodEndpoint('/insights/newsletters', newsletterInsights),
]
