import config from '@payload-config'
import { getPayload } from 'payload'

import type { Subscriber } from '@/src/payload-types'
import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { tokenOf } from '../platform/linkRequests'
import { PublicRequestError, readBody } from '../platform/publicRequests'
import { isPausedAt, PAUSE_WEEKS, pauseEndsOn, pauseSubscription, pauseWeeksOf, resumeSubscription } from './pause'
import { answerReaderLink } from './readerLinks'
import { subscriberFromToken } from './subscriptions'

/**
 * The pause page behind every digest's "Pause" link (and the manage page's form). GET shows
 * the choice and changes nothing (mail scanners follow links); a button's POST acts.
 */

/** "2, 4 or 8 weeks" */
const PAUSE_CHOICES = `${PAUSE_WEEKS.slice(0, -1).join(', ')} or ${PAUSE_WEEKS.at(-1)} weeks`

const pauseAction = (token: string) => `/newsletter/pause?token=${escapeHtml(encodeURIComponent(token))}`

/** The form a reader pauses (or resumes) with: on the pause page and on the manage page. */
export function pauseFormHtml(subscriber: Subscriber, token: string, timezone: string, now = new Date()): string {
  if (subscriber.status !== 'active') return '<p>Only a subscription that receives emails can be paused.</p>'
  const buttons = PAUSE_WEEKS.map(
    (weeks) =>
      `  <button type="submit" name="weeks" value="${weeks}" class="secondary">Pause for ${weeks} weeks</button>`,
  ).join('\n')
  if (isPausedAt(subscriber, now))
    return `<p class="notice-banner">Your emails are paused until <strong>${escapeHtml(pauseEndsOn(subscriber.pausedUntil!, timezone))}</strong>. The first edition after that comes as usual.</p>
<form method="post" action="${pauseAction(token)}">
  <button type="submit" name="action" value="resume">Resume now</button>
</form>
<p>Or pause for longer, counted from today:</p>
<form method="post" action="${pauseAction(token)}" class="button-row">
${buttons}
</form>`
  return `<p>No emails for a while, then they start again by themselves. Nothing else changes.</p>
<form method="post" action="${pauseAction(token)}" class="button-row">
${buttons}
</form>`
}

const manageLink = (token: string) =>
  `<p><a href="/newsletter/manage?token=${escapeHtml(encodeURIComponent(token))}">Your subscription page</a></p>`

const answer = (request: Request, work: () => Promise<Response>) =>
  answerReaderLink(request, 'Your emails could not be paused', work)

async function timezoneOf(payload: Awaited<ReturnType<typeof getPayload>>): Promise<string> {
  return (await payload.findGlobal({ slug: 'settings', depth: 0 })).timezone
}

export function pauseQuestion(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
    const payload = await getPayload({ config })
    const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
    return htmlPage(
      200,
      'Take a break',
      `<h1>Take a break from Mindful Moments</h1>
${pauseFormHtml(subscriber, token, await timezoneOf(payload))}
${manageLink(token)}`,
    )
  })
}

/** POST: `weeks` (2, 4 or 8) pauses from now; `action=resume` ends the pause. */
export function pauseNow(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
    const payload = await getPayload({ config })
    // The link first: whose subscription this is decides before the form is read.
    const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
    const { data } = await readBody(request)
    if (data.action === 'resume') {
      await resumeSubscription(payload, subscriber)
      return htmlPage(
        200,
        'Welcome back',
        `<h1>Welcome back</h1>\n<p>Your pause is over: the next Mindful Moments comes to you as usual.</p>\n${manageLink(token)}`,
      )
    }
    const weeks = pauseWeeksOf(data.weeks)
    if (!weeks) throw new PublicRequestError(400, `Choose how long to pause: ${PAUSE_CHOICES}.`)
    const paused = await pauseSubscription(payload, subscriber, weeks)
    const timezone = await timezoneOf(payload)
    return htmlPage(
      200,
      'Your emails are paused',
      `<h1>Your emails are paused</h1>
<p>No Mindful Moments until <strong>${escapeHtml(pauseEndsOn(paused.pausedUntil!, timezone))}</strong>; the first edition after that comes as usual, by itself.</p>
<form method="post" action="${pauseAction(token)}">
  <button type="submit" name="action" value="resume" class="secondary">Changed your mind? Resume now</button>
</form>
${manageLink(token)}`,
    )
  })
}
