export { confirmAddressQuestion as GET, confirmAddressNow as POST } from '../../../../services/newsletter/managePages'
export const dynamic = 'force-dynamic'
