export { confirmQuestion as GET, confirmNow as POST } from '../../../../services/newsletter/linkPages'
export const dynamic = 'force-dynamic'
