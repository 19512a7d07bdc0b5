import config from '@payload-config'
import { getPayload } from 'payload'

import { queueMail } from '@/src/services/platform/mailOutbox'
import { errorField } from '@/src/views/formErrors'
import { env } from '@/src/env'
import { normalizeEmail } from '@/src/services/platform/emailAddress'
import { logger } from '@/src/services/platform/logger'
import { asPublicError, clientAddress, errorResponse, readBody } from '@/src/services/platform/publicRequests'
import { consume, LIMITS, SITE_WIDE } from '@/src/services/platform/rateLimits'
import { parseSignUp } from '@/src/services/newsletter/signUpInput'
import { subscribe } from '@/src/services/newsletter/subscriptions'
import { noStoreJson } from '@/src/services/platform/responses'

export const dynamic = 'force-dynamic'

const ACCEPTED = { status: 'pending' } as const

/** Form posts land on a page; PUBLIC_URL, because behind a proxy request.url names the inner host. */
const redirectTo = (path: string) => Response.redirect(new URL(path, env().publicUrl), 303)

/**
 * POST /api/newsletter/subscribe — JSON or form. Any valid address gets the same 202,
 * whether new, pending, active or unsubscribed, so nobody can probe who reads us.
 */
export async function POST(request: Request): Promise<Response> {
  let kind: 'json' | 'form' = 'json'
  try {
    await consume(LIMITS.signupPerClient, clientAddress(request))
    const body = await readBody(request)
    kind = body.kind
    const { signUp, isBot } = parseSignUp(body.data)
    if (!isBot) {
      await consume(LIMITS.signupPerAddress, normalizeEmail(signUp.email)!)
      await consume(LIMITS.unconfirmedMail, SITE_WIDE)
      const payload = await getPayload({ config })
      await subscribe(payload, signUp, (job) => queueMail(payload, job))
    }
    if (kind === 'form') return redirectTo('/newsletter/check-inbox')
    return noStoreJson(ACCEPTED, 202)
  } catch (error) {
    const answer = asPublicError(error, 'We could not take your sign-up just now. Please try again in a minute.')
    if (answer !== error) logger.error({ err: error }, 'sign-up failed')
    if (kind === 'form' && answer.status === 400) {
      return redirectTo(`/newsletter?error=${errorField(answer.errors)}`)
    }
    return errorResponse(answer)
  }
}
