export { followEditionLink as GET, followEditionLink as HEAD } from '@/src/services/insights/followLink'
export const dynamic = 'force-dynamic'
