export { showManagePage as GET, changeSubscription as POST } from '../../../../services/newsletter/managePages'
export const dynamic = 'force-dynamic'
