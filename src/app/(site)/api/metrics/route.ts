export { metricsResponse as GET } from '@/src/services/operations/metrics'
export const dynamic = 'force-dynamic'
