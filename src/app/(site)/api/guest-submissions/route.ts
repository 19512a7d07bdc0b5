import config from '@payload-config'
import { getPayload } from 'payload'

import { queueMail } from '@/src/services/platform/mailOutbox'
import { errorField } from '@/src/views/formErrors'
import { env } from '@/src/env'
import { contributorStatusUrl } from '@/src/services/newsletter/links'
import { logger } from '@/src/services/platform/logger'
import { asPublicError, clientAddress, errorResponse, readBody } from '@/src/services/platform/publicRequests'
import { consume, LIMITS } from '@/src/services/platform/rateLimits'
import { parseGuestSubmission } from '@/src/services/editorial/submissionInput'
import { fileSubmission, newReference } from '@/src/services/editorial/submissions'
import { noStoreJson } from '@/src/services/platform/responses'

export const dynamic = 'force-dynamic'

/** Room for a long article in Markdown; everything else is small. */
const MAX_SUBMISSION_BYTES = 256 * 1024

/** POST /api/guest-submissions — JSON or form; 201 {reference, statusUrl}; a form lands on the status page. */
export async function POST(request: Request): Promise<Response> {
  let kind: 'json' | 'form' = 'json'
  try {
    await consume(LIMITS.submissionPerClient, clientAddress(request))
    const body = await readBody(request, MAX_SUBMISSION_BYTES)
    kind = body.kind
    const { submission, isBot } = parseGuestSubmission(body.data)
    let reference = newReference()
    let statusUrl = `${env().publicUrl}/contribute`
    if (!isBot) {
      await consume(LIMITS.submissionPerAddress, submission.email)
      const payload = await getPayload({ config })
      const filed = await fileSubmission(payload, submission, (job) => queueMail(payload, job))
      reference = filed.reference!
      statusUrl = contributorStatusUrl(filed)
    }
    if (kind === 'form') return Response.redirect(statusUrl, 303)
    return noStoreJson({ reference, statusUrl }, 201)
  } catch (error) {
    const answer = asPublicError(error, 'We could not take your submission just now. Please try again in a minute.')
    if (answer !== error) logger.error({ err: error }, 'guest submission failed')
    if (kind === 'form' && answer.status === 400) {
      return Response.redirect(new URL(`/contribute?error=${errorField(answer.errors)}`, env().publicUrl), 303)
    }
    return errorResponse(answer)
  }
}
