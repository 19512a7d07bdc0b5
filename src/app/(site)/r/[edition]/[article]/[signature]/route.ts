export { followEditionLink as GET, followEditionLink as HEAD } from '@/src/services/insights/linkPages'
export const dynamic = 'force-dynamic'
