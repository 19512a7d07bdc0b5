export { pauseQuestion as GET, pauseNow as POST } from '@/src/services/newsletter/pausePages'
export const dynamic = 'force-dynamic'
