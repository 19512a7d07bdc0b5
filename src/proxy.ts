import { NextResponse, type NextRequest } from 'next/server'

import { adminPolicy, dynamicPagePolicy, queueBoardPolicy, transportSecurity } from './contentSecurityPolicy.mjs'
import { env } from './env'
import { clientAddress, errorResponse, PublicRequestError } from './services/platform/publicRequests'
import { consume, LIMITS } from './services/platform/rateLimits'

/**
 * Runs before the API and the pages rendered per request (never before cached pages, which
 * carry their own headers: src/cacheHandler.mjs).
 * - API: one generous limit per client over the whole API (REST, GraphQL, health), so no
 *   public endpoint can be hammered. The sign-up endpoint has stricter limits of its own.
 * - Pages rendered per request (the admin, the sign-up and contribution forms): a fresh
 *   nonce in the Content-Security-Policy, which Next.js puts on its scripts.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl
  const publicUrl = env().publicUrl
  const hsts = transportSecurity(publicUrl)
  if (pathname.startsWith('/api/')) {
    try {
      await consume(LIMITS.apiPerClient, clientAddress(request))
    } catch (error) {
      if (error instanceof PublicRequestError) return errorResponse(error)
      throw error
    }
    const response = NextResponse.next()
    if (hsts) response.headers.set('strict-transport-security', hsts)
    return response
  }
  if (pathname.startsWith('/admin/queues')) {
    const response = NextResponse.next()
    response.headers.set('content-security-policy', queueBoardPolicy(publicUrl))
    if (hsts) response.headers.set('strict-transport-security', hsts)
    return response
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const policy = pathname.startsWith('/admin') ? adminPolicy(nonce, publicUrl) : dynamicPagePolicy(nonce, publicUrl)
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('content-security-policy', policy)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('content-security-policy', policy)
  if (hsts) response.headers.set('strict-transport-security', hsts)
  return response
}

// Media uploads and subscriber imports (up to 200 MB, admins only) stay outside: Next.js
// buffers the bodies of requests that pass through here. Signed provider webhooks have a
// limit of their own, so a burst of complaints is never refused by the API's.
export const config = {
  matcher: [
    '/api/((?!media|newsletter/|email-events/|subscribers/import$).*)',
    '/admin',
    '/admin/:path*',
    '/newsletter',
    '/contribute',
  ],
}
