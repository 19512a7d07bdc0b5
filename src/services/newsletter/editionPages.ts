import config from '@payload-config'
import { getPayload } from 'payload'

import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { webVersionHtml } from '../digest/webVersion'
import { env } from '@/src/env'
import { answerLinkRequest } from '../platform/linkRequests'
import { emailViewPolicy } from '../platform/securityHeaders'

/** GET /newsletter/editions/<number>: an edition's web version, the "View in your browser" link of every digest. */
export function editionWebPage(request: Request): Promise<Response> {
  return answerLinkRequest(
    request,
    async () => {
      const raw = new URL(request.url).pathname.split('/').pop() ?? ''
      const number = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN
      const payload = await getPayload({ config })
      const { archiveOnWeb } = await payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
      const html = number > 0 && archiveOnWeb !== false ? await webVersionHtml(payload, number) : null
      if (!html) {
        return htmlPage(
          404,
          'No such edition',
          `<h1>No such edition</h1>\n<p>There is no Mindful Moments #${escapeHtml(raw.slice(0, 12))} to read yet. <a href="/newsletter/archive">See every edition</a>.</p>`,
        )
      }
      return new Response(html, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          // What readers received does not change once sent: shared caches may keep it a while.
          'cache-control': 'public, max-age=300',
          'content-security-policy': emailViewPolicy(env().publicUrl, "'none'"),
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'strict-origin-when-cross-origin',
        },
      })
    },
    { problemTitle: 'This edition is not available right now' },
  )
}
