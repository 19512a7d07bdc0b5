export { metricsResponse as GET } from '@/src/services/platform/metrics'
export const dynamic = 'force-dynamic'
