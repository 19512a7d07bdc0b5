import path from 'node:path'

import config from '@payload-config'
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { HonoAdapter } from '@bull-board/hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { getPayload } from 'payload'

import { QUEUES, webQueue } from '@/src/services/platform/queues'
import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { noStoreJson } from './responses'

/**
 * Bull Board over every BullMQ queue we run, at /admin/queues, for admins only (their
 * Payload session). Job data there is what the queues hold: ids, never an address.
 */

export const QUEUE_BOARD_PATH = '/admin/queues'

let board: Hono | undefined

function queueBoard(): Hono {
  if (board) return board
  const adapter = new HonoAdapter(serveStatic)
  adapter.setBasePath(QUEUE_BOARD_PATH)
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(webQueue(name), { allowRetries: true })),
    serverAdapter: adapter,
    options: {
      // Bull Board finds its UI with require.resolve, which a bundled route cannot do.
      uiBasePath: path.join(process.cwd(), 'node_modules/@bull-board/ui'),
      uiConfig: { boardTitle: 'Mindful Press queues', miscLinks: [{ text: 'Back to the admin', url: '/admin' }] },
    },
  })
  board = new Hono().route(QUEUE_BOARD_PATH, adapter.registerPlugin())
  return board
}

export async function serveQueueBoard(request: Request): Promise<Response> {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers })
  const { pathname } = new URL(request.url)
  const isApi = pathname.startsWith(`${QUEUE_BOARD_PATH}/api/`)
  const role = (user as { role?: string } | null)?.role
  if (!user) {
    if (isApi) return noStoreJson({ message: 'Please log in as an admin.' }, 401)
    return Response.redirect(new URL(`/admin/login?redirect=${encodeURIComponent(QUEUE_BOARD_PATH)}`, request.url), 303)
  }
  if (role !== 'admin') {
    const message = 'The queues are for admins only.'
    if (isApi) return noStoreJson({ message }, 403)
    return htmlPage(
      403,
      'Admins only',
      `<h1>Admins only</h1><p>${escapeHtml(message)} <a href="/admin">Back to the admin</a></p>`,
    )
  }
  const response = await queueBoard().fetch(request)
  response.headers.set('cache-control', 'no-store')
  return response
}
