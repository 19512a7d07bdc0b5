export { unsubscribeQuestion as GET, unsubscribeNow as POST } from '../../../../services/newsletter/linkPages'
export const dynamic = 'force-dynamic'
