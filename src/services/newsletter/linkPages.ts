import config from '@payload-config'
import { getPayload } from 'payload'

import { queueMail } from '../platform/mailOutbox'
import { escapeHtml, htmlPage, signUpFormHtml } from '@/src/views/htmlPage'
import { answerLinkRequest, tokenOf } from '../platform/linkRequests'
import { verifyToken } from '../platform/tokens'
import { UNSUBSCRIBE_REASONS } from '@/src/insightCounters.mjs'
import { count, MINDFUL_MOMENTS } from '../insights/counters'
import {
  confirmSubscription,
  subscriberFromToken,
  subscriberToConfirm,
  SubscriptionLinkError,
  undoUnsubscribe,
  unsubscribe,
  UNDO_WINDOW_MS,
} from './subscriptions'

/** The pages behind the links in readers' emails: confirm, unsubscribe, undo. */

function linkErrorPage(error: SubscriptionLinkError): Response {
  const resend = error.canResend ? signUpFormHtml() : '<p><a href="/newsletter">Subscribe again</a></p>'
  return htmlPage(
    400,
    'This link does not work',
    `<h1>This link does not work</h1>\n<p>${escapeHtml(error.message)}</p>\n${resend}`,
  )
}

const answer = (request: Request, work: () => Promise<Response>) =>
  answerLinkRequest(request, work, {
    pageFor: (error) => (error instanceof SubscriptionLinkError ? linkErrorPage(error) : undefined),
    problemTitle: 'This link does not work right now',
  })

async function subscribedPage(): Promise<Response> {
  const payload = await getPayload({ config })
  const { successMessage } = await payload.findGlobal({ slug: 'settings', depth: 0 })
  const message = successMessage || 'You have Successfully Subscribed!'
  return htmlPage(
    200,
    message,
    `<h1>${escapeHtml(message)}</h1>\n<p>Your first Mindful Moments arrive with the next edition. <a href="/">Read the latest stories</a>.</p>`,
  )
}

/**
 * GET: a page with one button. Mail security scanners fetch every link in a message, so a
 * link that subscribed on GET would let anyone subscribe a company's inbox.
 */
export function confirmQuestion(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
    const subscriber = await subscriberToConfirm(await getPayload({ config }), token)
    if (subscriber.status === 'active') return subscribedPage()
    return htmlPage(
      200,
      'Confirm your subscription',
      `<h1>One more click</h1>
<p>Confirm that you want Mindful Moments, our bi-weekly email, in this inbox.</p>
<form method="post" action="/newsletter/confirm?token=${escapeHtml(encodeURIComponent(token))}">
  <button type="submit">Yes, subscribe me</button>
</form>`,
    )
  })
}

/** POST: the button. Idempotent: a second click still says subscribed. */
export function confirmNow(request: Request): Promise<Response> {
  return answer(request, async () => {
    const payload = await getPayload({ config })
    await confirmSubscription(payload, tokenOf(request), (job) => queueMail(payload, job))
    return subscribedPage()
  })
}

/** GET: a page with one button. It changes nothing, because mail scanners follow links. */
export function unsubscribeQuestion(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
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
</form>
<p>Only busy for a while? <a href="/newsletter/pause?token=${escapeHtml(encodeURIComponent(token))}">Pause your emails for a few weeks</a> instead.</p>`,
    )
  })
}

/** POST: the button, or a mail app's RFC 8058 one-click request. 200, no redirect, idempotent. */
export function unsubscribeNow(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
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
</form>
<h2>Would you tell us why?</h2>
<p>One click, if you like. We count it as a total for the day, with nothing about you.</p>
<form method="post" action="/newsletter/unsubscribe/reason?token=${escapeHtml(encodeURIComponent(token))}" class="reasons">
${Object.entries(UNSUBSCRIBE_REASONS)
  .map(
    ([reason, label]) =>
      `  <button type="submit" name="reason" value="${reason}" class="secondary">${escapeHtml(label)}</button>`,
  )
  .join('\n')}
</form>`,
    )
  })
}

/**
 * POST: the reason a reader gave after leaving, counted per newsletter and reason for the
 * day. Only from a link of a reader who has left; nothing of theirs goes into the count.
 */
export function unsubscribeReason(request: Request): Promise<Response> {
  return answer(request, async () => {
    const subscriber = await subscriberFromToken(await getPayload({ config }), 'unsubscribe', tokenOf(request))
    const reason = String((await request.formData().catch(() => undefined))?.get('reason') ?? '')
    if (subscriber.status !== 'unsubscribed' || !Object.hasOwn(UNSUBSCRIBE_REASONS, reason))
      return htmlPage(
        400,
        'Nothing to count',
        '<h1>Nothing to count</h1><p>Choose one of the reasons on the page you came from.</p>',
      )
    await count('newsletter.unsubscribe-reasons', `${MINDFUL_MOMENTS}:${reason}`)
    return htmlPage(
      200,
      'Thank you',
      '<h1>Thank you</h1><p>That helps us write a better newsletter. <a href="/">Read the latest stories</a>.</p>',
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
