export { showManagePage as GET, changeSubscription as POST } from '@/src/services/newsletter/managePages'
export const dynamic = 'force-dynamic'
