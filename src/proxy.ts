import { NextResponse, type NextRequest } from 'next/server'

import { clientAddress, errorResponse, PublicRequestError } from './services/platform/publicRequests'
import { consume, LIMITS } from './services/platform/rateLimits'

/**
 * One generous limit per client over the whole API (REST, GraphQL, health), so no public
 * endpoint can be hammered. Media uploads stay outside: Next.js buffers the bodies of
 * requests that pass through here. The sign-up endpoint has stricter limits of its own.
 */
export async function proxy(request: NextRequest) {
  try {
    await consume(LIMITS.apiPerClient, clientAddress(request))
  } catch (error) {
    if (error instanceof PublicRequestError) return errorResponse(error)
    throw error
  }
  return NextResponse.next()
}

// Subscriber imports (up to 200 MB, admins only) stream straight to disk: a body that passes through here is buffered.
export const config = { matcher: ['/api/((?!media|newsletter/|subscribers/import$).*)'] }
