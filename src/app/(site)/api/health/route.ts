import config from '@payload-config'
import { getPayload } from 'payload'

import { redisClient } from '@/src/services/platform/redis'
import { checkHealth, isHealthy } from '@/src/services/platform/health'
import { noStoreJson } from '@/src/services/platform/responses'

export const dynamic = 'force-dynamic'

export async function GET() {
  const payload = await getPayload({ config })
  const report = await checkHealth(payload, redisClient())
  return noStoreJson(report, isHealthy(report) ? 200 : 503)
}
