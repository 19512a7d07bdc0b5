export { feedbackQuestion as GET, feedbackAnswer as POST } from '@/src/services/insights/linkPages'
export const dynamic = 'force-dynamic'
