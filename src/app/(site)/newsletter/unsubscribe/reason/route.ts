export { unsubscribeReason as POST } from '@/src/services/newsletter/linkPages'
export const dynamic = 'force-dynamic'
