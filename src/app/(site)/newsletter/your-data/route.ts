export { yourDataQuestion as GET, yourDataNow as POST } from '@/src/services/newsletter/yourDataPages'
export const dynamic = 'force-dynamic'
