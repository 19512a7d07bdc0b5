import config from '@payload-config'
import { getPayload } from 'payload'

import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { tokenOf } from '../platform/linkRequests'
import { PublicRequestError, readBody } from '../platform/publicRequests'
import { answerReaderLink } from './readerLinks'
import { exportSubscriberData } from './subscriberData'
import { subscriberFromToken } from './subscriptions'

/**
 * "Your data" behind the reader's own link: download everything we hold about them, or
 * erase it all (an admin's erasure, asked by the reader: only the suppression hash stays).
 * Both are POSTs from buttons, so a mail scanner following links neither fetches the data
 * nor erases anyone.
 */

const action = (token: string) => `/newsletter/your-data?token=${escapeHtml(encodeURIComponent(token))}`

/** The two forms, on this page and on the manage page. */
export function yourDataFormsHtml(token: string, eraseError?: string): string {
  const invalid = eraseError ? ' aria-invalid="true" aria-describedby="erase-error"' : ''
  return `<form method="post" action="${action(token)}">
  <input type="hidden" name="action" value="download">
  <p>A JSON file with your record, the evidence of your consent and which editions we sent you.</p>
  <button type="submit" class="secondary">Download my data</button>
</form>
<form method="post" action="${action(token)}" class="signup-form">
  <input type="hidden" name="action" value="erase">
  <p>Erasing removes your address, your name and every trace of what we sent you. Only a keyed fingerprint of the address stays, so no list import can quietly add you back; you can always subscribe again yourself.</p>
  <label class="checkbox"><input type="checkbox" name="confirm" value="yes" required${invalid}> I understand this cannot be undone.</label>
  ${eraseError ? `<p class="form-error" role="alert" id="erase-error">${escapeHtml(eraseError)}</p>` : ''}
  <button type="submit" class="danger">Erase everything</button>
</form>`
}

const answer = (request: Request, work: () => Promise<Response>) =>
  answerReaderLink(request, 'Your data is not available right now', work)

const page = (token: string, eraseError?: string) =>
  htmlPage(
    eraseError ? 400 : 200,
    'Your data',
    `<h1>Your data</h1>
${yourDataFormsHtml(token, eraseError)}
<p><a href="/newsletter/manage?token=${escapeHtml(encodeURIComponent(token))}">Your subscription page</a></p>`,
  )

export function yourDataQuestion(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
    await subscriberFromToken(await getPayload({ config }), 'unsubscribe', token)
    return page(token)
  })
}

/** POST `action=download` answers with the JSON file; `action=erase` with `confirm=yes` erases. */
export function yourDataNow(request: Request): Promise<Response> {
  return answer(request, async () => {
    const token = tokenOf(request)
    const payload = await getPayload({ config })
    // The link first: whose data this is decides before the form is read.
    const subscriber = await subscriberFromToken(payload, 'unsubscribe', token)
    const { data } = await readBody(request)
    if (data.action === 'download') {
      const body = JSON.stringify(await exportSubscriberData(payload, subscriber.id), null, 2)
      return new Response(body, {
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': 'attachment; filename="mindful-press-my-data.json"',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          'x-content-type-options': 'nosniff',
        },
      })
    }
    if (data.action === 'erase') {
      if (data.confirm !== 'yes') return page(token, 'Tick the box to confirm: erasing cannot be undone.')
      // The same delete an admin's erasure is: its hook removes the reader from every batch and event and keeps the suppression hash.
      await payload.delete({ collection: 'subscribers', id: subscriber.id, overrideAccess: true })
      return htmlPage(
        200,
        'Everything is erased',
        `<h1>Everything is erased</h1>
<p>We no longer hold your address, your name or anything we sent you, and this link no longer works. Only a keyed fingerprint of your address stays, so no list import can add you back.</p>
<p><a href="/newsletter">Subscribe again</a> whenever you like.</p>`,
      )
    }
    throw new PublicRequestError(400, 'Choose what to do with your data: download it or erase it.')
  })
}
