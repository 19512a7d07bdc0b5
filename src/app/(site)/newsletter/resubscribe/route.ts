export { resubscribeNow as POST } from '../../../../services/linkPages'
export const dynamic = 'force-dynamic'
