// What our server entry (src/server.mjs) decides about a request before Next.js or Payload
// sees it: who the client is, whether a write may send its body at all, and how large it may
// be. Plain JavaScript, because Node loads the entry unbundled; pure, so it is tested alone
// (tests/unit/requestGate.test.ts).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** The header the app reads the client's address from (src/services/platform/publicRequests.ts); set here only. */
export const CLIENT_HEADER = 'x-mindful-client'

/**
 * The client's address: the connection's, or, behind `trustedHops` reverse proxies that each
 * append to X-Forwarded-For, the entry the outermost trusted proxy appended. Entries further
 * left were written by the client and prove nothing.
 */
export function clientOf(socketAddress, forwardedFor, trustedHops) {
  const chain = [socketAddress || 'unknown']
  if (trustedHops > 0 && forwardedFor) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor
    chain.push(
      ...header
        .split(',')
        .map((hop) => hop.trim())
        .filter(Boolean)
        .reverse(),
    )
  }
  return chain[Math.min(trustedHops, chain.length - 1)]
}

/** Writes anyone may send: the public forms and webhooks, signing in, GraphQL (its access rules still apply). */
const ANONYMOUS_WRITES = [
  /^\/api\/newsletter\/subscribe$/,
  /^\/api\/guest-submissions$/,
  /^\/api\/email-events\/[a-z-]+$/,
  /^\/api\/users\/(login|logout|refresh-token|forgot-password|reset-password|first-register|unlock)$/,
  /^\/api\/graphql$/,
]

const KB = 1024
const MB = 1024 * KB

/**
 * The most a body may hold, by who asks and where. The public routes cap themselves lower
 * (64–256 KB); uploads are for staff only.
 */
export function bodyLimit(pathname, staff, limits) {
  if (!staff) return 1 * MB
  if (pathname === '/api/subscribers/import') return limits.importBytes
  if (pathname.startsWith('/api/media')) return limits.mediaBytes
  return 10 * MB
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Refuses a write before a byte of its body is read: anonymous writes outside the public
 * routes, bodies of no declared length (an endless stream), and bodies over their limit.
 * Returns `[status, message]`, or undefined to let the request through.
 */
export function refusal(method, pathname, headers, staff, limits) {
  if (!WRITES.has(method) || !pathname.startsWith('/api/')) return undefined
  if (!staff && !ANONYMOUS_WRITES.some((route) => route.test(pathname)))
    return [401, 'Please log in to change anything here.']
  const declared = headers['content-length']
  if (declared === undefined) {
    return headers['transfer-encoding'] ? [411, 'Send the body with its length (Content-Length).'] : undefined
  }
  const limit = bodyLimit(pathname, staff, limits)
  if (!/^\d+$/.test(declared)) return [400, 'The Content-Length header is not a number.']
  if (Number(declared) > limit) return [413, `The request is too large (at most ${Math.round(limit / KB)} KB).`]
  return undefined
}

/** Anonymous readers of the REST API get at most a page of 100, two levels deep; never "everything at once". */
export function clampedQuery(search) {
  const params = new URLSearchParams(search)
  let changed = false
  const limit = Number(params.get('limit'))
  if (params.has('limit') && !(limit >= 1 && limit <= 100)) {
    params.set('limit', '100')
    changed = true
  }
  if (params.has('pagination')) {
    params.delete('pagination')
    changed = true
  }
  const depth = Number(params.get('depth'))
  if (params.has('depth') && !(depth >= 0 && depth <= 2)) {
    params.set('depth', '2')
    changed = true
  }
  return changed ? `?${params}` : search
}

/** Payload signs its session tokens with HS256 under the first 32 hex digits of SHA-256(PAYLOAD_SECRET). */
export function sessionKey(payloadSecret) {
  return Buffer.from(createHash('sha256').update(payloadSecret).digest('hex').slice(0, 32))
}

function tokenOf(headers) {
  const authorization = headers.authorization
  if (typeof authorization === 'string') {
    const match = /^(?:JWT|Bearer) (.+)$/.exec(authorization)
    if (match) return match[1]
  }
  const cookie = headers.cookie
  if (typeof cookie !== 'string') return undefined
  return /(?:^|;\s*)payload-token=([^;]+)/.exec(cookie)?.[1]
}

/**
 * Whether the request carries a genuine, unexpired staff session. Only a first look, so an
 * anonymous request cannot make us read its body; Payload checks the session itself after.
 */
export function hasStaffSession(headers, key, now = Date.now()) {
  const token = tokenOf(headers)
  if (!token || token.length > 4096) return false
  const parts = token.split('.')
  if (parts.length !== 3) return false
  const expected = createHmac('sha256', key).update(`${parts[0]}.${parts[1]}`).digest()
  const given = Buffer.from(parts[2], 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    return typeof claims.exp === 'number' && claims.exp * 1000 > now
  } catch {
    return false
  }
}
