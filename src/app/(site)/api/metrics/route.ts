export { metricsResponse as GET } from '../../../../services/platform/metrics'
export const dynamic = 'force-dynamic'
