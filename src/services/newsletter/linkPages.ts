import config from '@payload-config'
import { getPayload } from 'payload'

import { queueMail } from '../platform/mailOutbox'
import { escapeHtml, htmlPage, signUpFormHtml } from '@/src/views/htmlPage'
import { answerLinkRequest, tokenOf } from '../platform/linkRequests'
import { verifyToken } from '../platform/tokens'
import { UNSUBSCRIBE_REASONS } from '@/src/insightCounters.mjs'
import { count } from '../insights/counters'
import { PublicRequestError } from '../platform/publicRequests'
import {
  confirmSubscription,
  leaveNewsletter,
  rejoinNewsletter,
  subscriberFromToken,
  subscriberToConfirm,
  SubscriptionLinkError,
  undoUnsubscribe,
  unsubscribe,
  UNDO_WINDOW_MS,
} from './subscriptions'
import { newsletterIdsOfReader, newsletterOfSlug, newslettersWithIds, MINDFUL_MOMENTS } from './newsletters'

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

/**
 * The newsletter a message's unsubscribe link names (`&newsletter=slug`), if it names one.
 * Links mailed before there were several newsletters name none: they leave everything.
 */
function newsletterOfLink(request: Request): string | undefined {
  const slug = new URL(request.url).searchParams.get('newsletter')
  if (slug === null || slug === '') return undefined
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 80)
    throw new PublicRequestError(
      400,
      'This link names no newsletter of ours. Please copy the whole link from the email.',
    )
  return slug
}

/** This page's own address with the token (and the newsletter, if named), for its forms. */
function linkTo(path: string, token: string, slug?: string): string {
  return escapeHtml(
    `${path}?token=${encodeURIComponent(token)}${slug ? `&newsletter=${encodeURIComponent(slug)}` : ''}`,
  )
}

const LEAVE_ALL = `<input type="hidden" name="leave" value="all">`

/** GET: the question, with buttons. It changes nothing, because mail scanners follow links. */
export function unsubscribeQuestion(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
    const slug = newsletterOfLink(request)
    // Only checks the signature, so a broken link says so before the reader clicks.
    try {
      verifyToken('unsubscribe', token)
    } catch {
      throw new SubscriptionLinkError('This link is not valid. Please copy the whole link from the email.', false)
    }
    const newsletter = slug ? await newsletterOfSlug(await getPayload({ config }), slug) : undefined
    if (slug && !newsletter) throw new SubscriptionLinkError('This link names a newsletter we do not have.', false)
    const pause = `<p>Only busy for a while? <a href="${linkTo('/newsletter/pause', token)}">Pause your emails for a few weeks</a> instead.</p>`
    if (!newsletter)
      return htmlPage(
        200,
        'Unsubscribe',
        `<h1>Unsubscribe from all our newsletters?</h1>
<p>You will get no more emails from us.</p>
<form method="post" action="${linkTo('/newsletter/unsubscribe', token)}">
  <button type="submit">Unsubscribe</button>
</form>
${pause}`,
      )
    return htmlPage(
      200,
      `Leave ${newsletter.name}`,
      `<h1>Leave ${escapeHtml(newsletter.name)}?</h1>
<p>You will get no more editions of ${escapeHtml(newsletter.name)}. Any other newsletter of ours you get keeps coming.</p>
<form method="post" action="${linkTo('/newsletter/unsubscribe', token, newsletter.slug)}">
  <button type="submit">Leave ${escapeHtml(newsletter.name)}</button>
</form>
<form method="post" action="${linkTo('/newsletter/unsubscribe', token, newsletter.slug)}">
  ${LEAVE_ALL}
  <button type="submit" class="secondary">Leave all our newsletters</button>
</form>
${pause}
<p>Or choose exactly what you get on <a href="${linkTo('/newsletter/manage', token)}">your subscription page</a>.</p>`,
    )
  })
}

/** Whether a POST asked to leave everything (the "leave all" button); a mail app's one-click POST never does. */
async function leavesAll(request: Request): Promise<boolean> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return false
  const form = await request.formData().catch(() => undefined)
  return form?.get('leave') === 'all'
}

function reasonsForm(token: string, slug: string): string {
  return `<h2>Would you tell us why?</h2>
<p>One click, if you like. We count it as a total for the day, with nothing about you.</p>
<form method="post" action="${linkTo('/newsletter/unsubscribe/reason', token, slug)}" class="reasons">
${Object.entries(UNSUBSCRIBE_REASONS)
  .map(
    ([reason, label]) =>
      `  <button type="submit" name="reason" value="${reason}" class="secondary">${escapeHtml(label)}</button>`,
  )
  .join('\n')}
</form>`
}

/**
 * POST: the button, or a mail app's RFC 8058 one-click request (which leaves the newsletter
 * its message came from). 200, no redirect, idempotent.
 */
export function unsubscribeNow(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
    const slug = newsletterOfLink(request)
    const payload = await getPayload({ config })
    const all = !slug || (await leavesAll(request))
    if (!all) {
      const { subscriber, newsletter, leftAll } = await leaveNewsletter(payload, token, slug)
      if (!leftAll) {
        const still = await newslettersWithIds(payload, newsletterIdsOfReader(subscriber))
        return htmlPage(
          200,
          `You left ${newsletter.name}`,
          `<h1>You left ${escapeHtml(newsletter.name)}</h1>
<p>You will get no more editions of it. You still get ${still.map((other) => `<strong>${escapeHtml(other.name)}</strong>`).join(', ')}.</p>
<form method="post" action="${linkTo('/newsletter/resubscribe', token, newsletter.slug)}">
  <button type="submit" class="secondary">Undo: keep me in ${escapeHtml(newsletter.name)}</button>
</form>
<form method="post" action="${linkTo('/newsletter/unsubscribe', token, newsletter.slug)}">
  ${LEAVE_ALL}
  <button type="submit" class="secondary">Leave all of them</button>
</form>
${reasonsForm(token, newsletter.slug)}`,
        )
      }
    } else {
      await unsubscribe(payload, token)
    }
    const minutes = UNDO_WINDOW_MS / 60_000
    return htmlPage(
      200,
      'You are unsubscribed',
      `<h1>You are unsubscribed</h1>
<p>You will get no more emails from us. Changed your mind? For the next ${minutes} minutes you can undo this.</p>
<form method="post" action="${linkTo('/newsletter/resubscribe', token)}">
  <button type="submit" class="secondary">Undo: keep me subscribed</button>
</form>
${reasonsForm(token, slug ?? MINDFUL_MOMENTS)}`,
    )
  })
}

/**
 * POST: the reason a reader gave after leaving, counted per newsletter and reason for the
 * day. Only from a link of a reader who has left that newsletter (or everything); nothing of
 * theirs goes into the count.
 */
export function unsubscribeReason(request: Request): Promise<Response> {
  return answer(request, async () => {
    const payload = await getPayload({ config })
    const subscriber = await subscriberFromToken(payload, 'unsubscribe', tokenOf(request))
    const newsletter = await newsletterOfSlug(payload, newsletterOfLink(request) ?? MINDFUL_MOMENTS)
    const reason = String((await request.formData().catch(() => undefined))?.get('reason') ?? '')
    const left =
      subscriber.status === 'unsubscribed' ||
      (newsletter && !newsletterIdsOfReader(subscriber).some((id) => String(id) === String(newsletter.id)))
    if (!newsletter || !left || !Object.hasOwn(UNSUBSCRIBE_REASONS, reason))
      return htmlPage(
        400,
        'Nothing to count',
        '<h1>Nothing to count</h1><p>Choose one of the reasons on the page you came from.</p>',
      )
    await count('newsletter.unsubscribe-reasons', `${newsletter.slug}:${reason}`)
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
    const slug = newsletterOfLink(request)
    if (slug) await rejoinNewsletter(payload, tokenOf(request), slug)
    else await undoUnsubscribe(payload, tokenOf(request))
    return htmlPage(200, 'Welcome back', '<h1>Welcome back</h1><p>You are subscribed again; nothing else changed.</p>')
  })
}
