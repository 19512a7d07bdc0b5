import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { z } from 'zod'

import { queueMail } from '../platform/mailOutbox'
import type { Subscriber } from '@/src/payload-types'
import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { emailField, parseFields, singleLine, slugList } from '../platform/inputFields'
import { tokenOf } from '../platform/linkRequests'
import { PublicRequestError, readBody } from '../platform/publicRequests'
import { addressChangeOfToken, confirmAddressChange, renameSubscriber, requestAddressChange } from './subscriberProfile'
import { pauseFormHtml } from './pausePages'
import { answerReaderLink } from './readerLinks'
import { chooseTopics, topicChoices, topicIdsOfReader, type Topic } from './topics'
import { subscriberFromToken } from './subscriptions'
import { chooseNewsletters, newsletterChoicesOf, readsNewsletter, type NewsletterChoice } from './newsletters'
import { yourDataFormsHtml } from './yourDataPages'

/**
 * The reader's own subscription page, behind the token in every email's footer. GET shows
 * it and changes nothing (mail scanners follow links); each change is a POST with the token.
 */

const nameSchema = z.object({ firstName: singleLine(80, 'Your first name').optional() })
const addressSchema = z.object({ email: emailField() })
const topicsSchema = z.object({ topics: slugList('Topics').optional() })
const newslettersSchema = z.object({ newsletters: slugList('Newsletters').optional() })

/** "Dating, Trust and Healing" */
const listOf = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]

/** "n•••@example.org": enough for the reader to recognize, little for someone the email was forwarded to. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@')
  return at > 0 ? `${address[0]}•••${address.slice(at)}` : '•••'
}

const FIELDS = ['firstName', 'email', 'topics', 'newsletters'] as const
type Notice = { text: string; error?: boolean; field?: (typeof FIELDS)[number] }

const STATUS_LINES: Record<string, string> = {
  active: 'You receive our emails at',
  pending: 'Your subscription waits for you to confirm it from the email we sent to',
  unsubscribed: 'You are unsubscribed. We no longer write to',
  bounced: 'Mail to this address was refused, so we stopped writing to',
  complained: 'You marked our email as spam, so we stopped writing to',
}

type PageContext = { token: string; timezone: string; topics: Topic[]; newsletters: NewsletterChoice[] }

/** Checkboxes of the newsletters a reader can choose, their own ticked, each with what it is. */
function newslettersForm(
  subscriber: Subscriber,
  action: string,
  newsletters: NewsletterChoice[],
  error: string,
  describedBy: string,
): string {
  const boxes = newsletters
    .map(
      (newsletter) =>
        `    <label class="checkbox"><input type="checkbox" name="newsletters" value="${escapeHtml(newsletter.slug)}"${readsNewsletter(subscriber, newsletter.id) ? ' checked' : ''}${describedBy}> <span><strong>${escapeHtml(newsletter.name)}</strong>${newsletter.description ? `<br><span class="meta">${escapeHtml(newsletter.description)}</span>` : ''}</span></label>`,
    )
    .join('\n')
  return `<form class="signup-form" method="post" action="${action}">
  <input type="hidden" name="action" value="newsletters">
  <fieldset class="topics">
    <legend>Tick the newsletters you want.</legend>
${boxes}
  </fieldset>
  ${error}
  <button type="submit">Save my newsletters</button>
</form>`
}

/** Checkboxes of every topic, the reader's own ticked; none ticked means every story. */
function topicsForm(
  subscriber: Subscriber,
  action: string,
  topics: Topic[],
  error: string,
  describedBy: string,
): string {
  const chosen = new Set(topicIdsOfReader(subscriber).map(String))
  const boxes = topics
    .map(
      (topic) =>
        `    <label class="checkbox"><input type="checkbox" name="topics" value="${escapeHtml(topic.slug)}"${chosen.has(String(topic.id)) ? ' checked' : ''}${describedBy}> ${escapeHtml(topic.name)}</label>`,
    )
    .join('\n')
  return `<form class="signup-form" method="post" action="${action}">
  <input type="hidden" name="action" value="topics">
  <fieldset class="topics">
    <legend>Our digests bring every story. Tick topics to get only theirs; tick none for everything.</legend>
${boxes}
  </fieldset>
  ${error}
  <button type="submit">Save my topics</button>
</form>`
}

function managePage(
  subscriber: Subscriber,
  { token, timezone, topics, newsletters }: PageContext,
  notice?: Notice,
  status = 200,
): Response {
  const action = `/newsletter/manage?token=${escapeHtml(encodeURIComponent(token))}`
  const error = (field: Notice['field']) =>
    notice?.error && notice.field === field
      ? `<p class="form-error" role="alert" id="${field}-error">${escapeHtml(notice.text)}</p>`
      : ''
  const describedBy = (field: Notice['field']) =>
    notice?.error && notice.field === field ? ` aria-invalid="true" aria-describedby="${field}-error"` : ''
  const banner =
    notice && !notice.field
      ? `<p class="${notice.error ? 'form-error' : 'notice-banner'}" role="status">${escapeHtml(notice.text)}</p>`
      : ''
  const waiting = subscriber.addressChange?.email
    ? `<p class="privacy-note">A confirmation link is waiting in the inbox of ${escapeHtml(maskAddress(subscriber.addressChange.email))}. Until you follow it, our emails keep coming to your current address.</p>`
    : ''
  const choosing = subscriber.status === 'active' || subscriber.status === 'pending'
  const leave = choosing
    ? `<h2>Leave</h2>
<form method="post" action="/newsletter/unsubscribe?token=${escapeHtml(encodeURIComponent(token))}">
  <p>You will get no more emails from us, from any of our newsletters.</p>
  <button type="submit" class="secondary">Unsubscribe</button>
</form>`
    : '<p><a href="/newsletter">Subscribe again</a> whenever you like.</p>'
  return htmlPage(
    status,
    'Your subscription',
    `<h1>Your subscription</h1>
${banner}
<p>${escapeHtml(STATUS_LINES[subscriber.status] ?? 'Your subscription uses')} <strong>${escapeHtml(maskAddress(subscriber.email))}</strong>.</p>
<h2>Your first name</h2>
<form class="signup-form" method="post" action="${action}">
  <input type="hidden" name="action" value="name">
  <label for="firstName">The digest greets you by it (leave it empty for “Hi there”)</label>
  <input id="firstName" name="firstName" type="text" maxlength="80" autocomplete="given-name" value="${escapeHtml(subscriber.firstName)}"${describedBy('firstName')}>
  ${error('firstName')}
  <button type="submit">Save my name</button>
</form>
${choosing && newsletters.length > 1 ? `<h2>Your newsletters</h2>\n${newslettersForm(subscriber, action, newsletters, error('newsletters'), describedBy('newsletters'))}` : ''}
${topics.length > 0 ? `<h2>Your topics</h2>\n${topicsForm(subscriber, action, topics, error('topics'), describedBy('topics'))}` : ''}
<h2>Your address</h2>
<form class="signup-form" method="post" action="${action}">
  <input type="hidden" name="action" value="address">
  <label for="email">Send our emails to a new address</label>
  <input id="email" name="email" type="email" required maxlength="254" autocomplete="email"${describedBy('email')}>
  ${error('email')}
  <p class="privacy-note">We send a link to the new address. Your current address keeps receiving our emails until you follow it.</p>
  <button type="submit">Send the confirmation link</button>
</form>
${waiting}
${subscriber.status === 'active' ? `<h2>Take a break</h2>\n${pauseFormHtml(subscriber, token, timezone)}` : ''}
${leave}
<h2>Your data</h2>
${yourDataFormsHtml(token)}`,
  )
}

const answer = (request: Request, work: () => Promise<Response>) =>
  answerReaderLink(request, 'Your subscription page is not available right now', work)

async function pageContext(payload: Payload, token: string, subscriber: Subscriber): Promise<PageContext> {
  const [{ timezone }, topics, newsletters] = await Promise.all([
    payload.findGlobal({ slug: 'settings', depth: 0 }),
    topicChoices(payload),
    newsletterChoicesOf(payload, subscriber),
  ])
  return { token, timezone, topics, newsletters }
}

export function showManagePage(request: Request): Promise<Response> {
  return answer(request, async () => {
    const payload = await getPayload({ config })
    const token = tokenOf(request)
    const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
    return managePage(subscriber, await pageContext(payload, token, subscriber))
  })
}

/** One change per POST: `action=name` with `firstName`, or `action=address` with `email`. */
export function changeSubscription(request: Request): Promise<Response> {
  return answer(request, async () => {
    const payload = await getPayload({ config })
    const token = tokenOf(request)
    // The token first: a bad link says so before anything about the form.
    const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
    const context = await pageContext(payload, token, subscriber)
    const { data } = await readBody(request)
    try {
      if (data.action === 'name') {
        const { firstName } = parseFields(nameSchema, data)
        const renamed = await renameSubscriber(payload, subscriber, firstName ?? '')
        const text = renamed.firstName
          ? `Saved. Our next email will greet you as ${renamed.firstName}.`
          : 'Saved. Our next email will greet you with “Hi there”.'
        return managePage(renamed, context, { text })
      }
      if (data.action === 'topics') {
        const { topics } = parseFields(topicsSchema, data)
        const updated = await chooseTopics(payload, subscriber, topics ?? [])
        const names = context.topics
          .filter((topic) => topicIdsOfReader(updated).map(String).includes(String(topic.id)))
          .map((topic) => topic.name)
        const text =
          names.length > 0
            ? `Saved. Your digest brings only stories about ${listOf(names)}.`
            : 'Saved. Your digest brings every story.'
        return managePage(updated, context, { text })
      }
      if (data.action === 'newsletters') {
        const { newsletters } = parseFields(newslettersSchema, data)
        const updated = await chooseNewsletters(payload, subscriber, newsletters ?? [])
        const names = context.newsletters
          .filter((newsletter) => readsNewsletter(updated, newsletter.id))
          .map((newsletter) => newsletter.name)
        return managePage(
          updated,
          { ...context, newsletters: await newsletterChoicesOf(payload, updated) },
          {
            text: `Saved. You get ${listOf(names)}.`,
          },
        )
      }
      if (data.action === 'address') {
        const { email } = parseFields(addressSchema, data)
        const updated = await requestAddressChange(payload, subscriber, email, (job) => queueMail(payload, job))
        return managePage(updated, context, {
          text: 'Check the new inbox: the change happens when you follow the link we sent there.',
        })
      }
      throw new PublicRequestError(
        400,
        'Choose what to change: your first name, your newsletters, your topics or your address.',
      )
    } catch (error) {
      if (!(error instanceof PublicRequestError) || error.status !== 400) throw error
      const [field, text] = Object.entries(error.errors ?? {})[0] ?? [undefined, error.message]
      return managePage(
        subscriber,
        context,
        {
          text,
          error: true,
          field: FIELDS.find((known) => known === field),
        },
        400,
      )
    }
  })
}

/** GET from the new inbox's email: a page with one button (scanners fetch links; only a person's click moves the subscription). */
export function confirmAddressQuestion(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
    const { email } = await addressChangeOfToken(await getPayload({ config }), token)
    return htmlPage(
      200,
      'Confirm your new address',
      `<h1>Move your subscription here?</h1>
<p>Mindful Moments will come to ${escapeHtml(maskAddress(email))} instead of your old address.</p>
<form method="post" action="/newsletter/confirm-address?token=${escapeHtml(encodeURIComponent(token))}">
  <button type="submit">Yes, use this address</button>
</form>`,
    )
  })
}

/** POST: the button; the link is the proof, as for confirming a sign-up. */
export function confirmAddressNow(request: Request): Promise<Response> {
  return answer(request, async () => {
    const payload = await getPayload({ config })
    const result = await confirmAddressChange(payload, tokenOf(request))
    const text =
      result === 'moved'
        ? 'From the next edition on, Mindful Moments come to this address. Your old address gets no more.'
        : 'This address already receives Mindful Moments, so we stopped sending to your old one: you will get one copy, here.'
    return htmlPage(
      200,
      'Your new address is confirmed',
      `<h1>Your new address is confirmed</h1>\n<p>${escapeHtml(text)}</p>\n<p><a href="/">Read the latest stories</a></p>`,
    )
  })
}
