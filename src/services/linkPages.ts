import config from '@payload-config'
import { getPayload } from 'payload'

import { transactionalQueue } from '../../workers/queues'
import { escapeHtml, htmlPage, signUpFormHtml } from '../views/htmlPage'
import { logger } from './logger'
import { clientAddress, errorResponse, MAX_BODY_BYTES, PublicRequestError } from './publicRequests'
import { consume, LIMITS } from './rateLimits'
import { verifyToken } from './tokens'
import { confirmSubscription, SubscriptionLinkError, undoUnsubscribe, unsubscribe, UNDO_WINDOW_MS } from './subscriptions'

/** The pages behind the links in readers' emails: confirm, unsubscribe, undo. */

const tokenOf = (request: Request) => new URL(request.url).searchParams.get('token')

async function guard(request: Request): Promise<void> {
  await consume(LIMITS.linksPerClient, clientAddress(request))
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > MAX_BODY_BYTES) throw new PublicRequestError(413, 'The request is too large.')
}

function linkErrorPage(error: SubscriptionLinkError): Response {
  const resend = error.canResend ? signUpFormHtml() : '<p><a href="/newsletter">Subscribe again</a></p>'
  return htmlPage(400, 'This link does not work', `<h1>This link does not work</h1>\n<p>${escapeHtml(error.message)}</p>\n${resend}`)
}

async function answer(request: Request, work: () => Promise<Response>): Promise<Response> {
  try {
    await guard(request)
    return await work()
  } catch (error) {
    if (error instanceof SubscriptionLinkError) return linkErrorPage(error)
    if (error instanceof PublicRequestError) return errorResponse(error)
    logger.error({ err: error }, 'reader link failed')
    return htmlPage(503, 'Please try again', '<h1>Something went wrong on our side</h1><p>Please try the link again in a minute.</p>')
  }
}

export function confirmPage(request: Request): Promise<Response> {
  return answer(request, async () => {
    const payload = await getPayload({ config })
    await confirmSubscription(payload, tokenOf(request), (job) => transactionalQueue().add(job.kind, job))
    const { successMessage } = await payload.findGlobal({ slug: 'settings', depth: 0 })
    const message = successMessage || 'You have Successfully Subscribed!'
    return htmlPage(200, message, `<h1>${escapeHtml(message)}</h1>\n<p>Your first Mindful Moments arrive with the next edition. <a href="/">Read the latest stories</a>.</p>`)
  })
}

/** GET: a page with one button. It changes nothing, because mail scanners follow links. */
export function unsubscribeQuestion(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request) ?? ''
    // Only checks the signature, so a broken link says so before the reader clicks.
    try {
      verifyToken('unsubscribe', token)
    } catch {
      throw new SubscriptionLinkError('This link is not valid. Please copy the whole link from the email.', false)
    }
    return htmlPage(
      200,
      'Unsubscribe',
      `<h1>Unsubscribe from Mindful Moments?</h1>
<p>You will get no more emails from us.</p>
<form method="post" action="/newsletter/unsubscribe?token=${escapeHtml(encodeURIComponent(token))}">
  <button type="submit">Unsubscribe</button>
</form>`,
    )
  })
}

/** POST: the button, or a mail app's RFC 8058 one-click request. 200, no redirect, idempotent. */
export function unsubscribeNow(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request) ?? ''
    const payload = await getPayload({ config })
    await unsubscribe(payload, token)
    const minutes = UNDO_WINDOW_MS / 60_000
    return htmlPage(
      200,
      'You are unsubscribed',
      `<h1>You are unsubscribed</h1>
<p>You will get no more emails from us. Changed your mind? For the next ${minutes} minutes you can undo this.</p>
<form method="post" action="/newsletter/resubscribe?token=${escapeHtml(encodeURIComponent(token))}">
  <button type="submit" class="secondary">Undo: keep me subscribed</button>
</form>`,
    )
  })
}

export function resubscribeNow(request: Request): Promise<Response> {
  return answer(request, async () => {
    const payload = await getPayload({ config })
    await undoUnsubscribe(payload, tokenOf(request))
    return htmlPage(200, 'Welcome back', '<h1>Welcome back</h1><p>You are subscribed again; nothing else changed.</p>')
  })
}
