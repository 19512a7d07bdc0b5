export { metricsResponse as GET } from '../../../../services/metrics'
export const dynamic = 'force-dynamic'
