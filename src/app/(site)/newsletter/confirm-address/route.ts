export { confirmAddressQuestion as GET, confirmAddressNow as POST } from '@/src/services/newsletter/managePages'
export const dynamic = 'force-dynamic'
