export { confirmQuestion as GET, confirmNow as POST } from '@/src/services/newsletter/linkPages'
export const dynamic = 'force-dynamic'
