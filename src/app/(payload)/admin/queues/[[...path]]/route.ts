import { serveQueueBoard } from '@/src/services/platform/queueBoard'

export const dynamic = 'force-dynamic'

export {
  serveQueueBoard as GET,
  serveQueueBoard as POST,
  serveQueueBoard as PUT,
  serveQueueBoard as PATCH,
  serveQueueBoard as DELETE,
}
