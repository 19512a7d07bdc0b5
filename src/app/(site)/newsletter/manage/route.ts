export { showManagePage as GET, changeSubscription as POST } from '../../../../services/managePages'
export const dynamic = 'force-dynamic'
