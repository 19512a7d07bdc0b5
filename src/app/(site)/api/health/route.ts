import config from '@payload-config'
import { getPayload } from 'payload'

import { redisClient } from '../../../../../workers/queues'
import { checkHealth, isHealthy } from '../../../../services/platform/health'

export const dynamic = 'force-dynamic'

export async function GET() {
  const payload = await getPayload({ config })
  const report = await checkHealth(payload, redisClient())
  return Response.json(report, { status: isHealthy(report) ? 200 : 503, headers: { 'cache-control': 'no-store' } })
}
