export { resubscribeNow as POST } from '../../../../services/newsletter/linkPages'
export const dynamic = 'force-dynamic'
