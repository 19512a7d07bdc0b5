export { unsubscribeQuestion as GET, unsubscribeNow as POST } from '../../../../services/linkPages'
export const dynamic = 'force-dynamic'
