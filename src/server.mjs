// The web app's own entry (`npm start`, `npm run start:web`): Next.js's production server
// behind a gate that sees the connection, which Next.js route handlers never do.
// - The client's address is taken from the socket (or from X-Forwarded-For through exactly
//   TRUSTED_PROXY_HOPS proxies) and handed on in one header, set here only: a client cannot
//   pick its own rate-limit bucket.
// - A write is refused before its body is read when it is anonymous and not a public route,
//   when it declares no length, or when it is larger than its route allows; anonymous REST
//   queries are clamped to a page of 100, two levels deep.
import { createServer } from 'node:http'
import next from 'next'

import { createArticleViewCounter } from './articleViews.mjs'
import { sharedSettings } from './envDefaults.mjs'
import { clampedQuery, CLIENT_HEADER, clientOf, hasStaffSession, refusal, sessionKey } from './requestGate.mjs'

const MB = 1024 * 1024
const DISCARDED_BODY_BYTES = 64 * 1024
const number = (value, fallback) => (value?.trim() ? Number(value) : fallback)
const port = number(process.env.PORT, 3000)
const hostname = process.env.HOST?.trim() || '0.0.0.0'
const trustedHops = number(process.env.TRUSTED_PROXY_HOPS, 0)
const limits = { mediaBytes: number(process.env.MEDIA_MAX_MB, 25) * MB, importBytes: 200 * MB }
const secret = process.env.PAYLOAD_SECRET?.trim()
if (!secret || !Number.isInteger(trustedHops) || trustedHops < 0) {
  process.stderr.write(
    'Mindful Press cannot start: PAYLOAD_SECRET must be set and TRUSTED_PROXY_HOPS must be a whole number (see .env.example).\n',
  )
  process.exit(1)
}
const key = sessionKey(secret)

const app = next({ dev: false, hostname, port })
await app.prepare()
const handle = app.getRequestHandler()
const articleViews = createArticleViewCounter(sharedSettings())

const server = createServer((req, res) => {
  req.headers[CLIENT_HEADER] = clientOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedHops)
  const [pathname, search = ''] = (req.url ?? '/').split(/(?=\?)/)
  const staff = pathname.startsWith('/api/') && hasStaffSession(req.headers, key)
  const refused = refusal(req.method ?? 'GET', pathname, req.headers, staff, limits)
  if (refused) {
    const [status, message] = refused
    const answer = (headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers })
      res.end(JSON.stringify({ message }))
    }
    // A small body of declared length is let through to nowhere first (HTTP clients that are
    // still sending when the answer comes see a broken connection instead of the answer);
    // anything larger, or of no declared length, is never read: the connection closes.
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > 0 && declared <= DISCARDED_BODY_BYTES) {
      req.once('end', () => answer())
      req.once('error', () => res.destroy())
      req.resume()
    } else {
      answer({ connection: 'close' })
    }
    return
  }
  if (!staff && req.method === 'GET' && pathname.startsWith('/api/') && search)
    req.url = pathname + clampedQuery(search)
  articleViews.observe(req, res)
  handle(req, res)
})
// A body that trickles in is cut off; uploads within their limit have a few minutes.
server.requestTimeout = 5 * 60_000
server.headersTimeout = 20_000
server.listen(port, hostname, () => process.stdout.write(`web listening on http://${hostname}:${port}\n`))

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => articleViews.close().finally(() => process.exit(0)))
    setTimeout(() => process.exit(0), 10_000).unref()
  })
}
