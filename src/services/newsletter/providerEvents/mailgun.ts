import { createHmac, timingSafeEqual } from 'node:crypto'

import { dateOf, parseJson, ProviderDisabledError, WebhookAuthError, WebhookFormatError, type ProviderEvent, type ProviderReader } from './types'

/**
 * Mailgun's webhooks: `signature.signature` is HMAC-SHA256 of `timestamp + token` under the
 * HTTP webhook signing key; a timestamp more than 5 minutes away is refused (a replayed
 * request), and the event's own id catches a replay within those minutes.
 */

const MAX_SKEW_SECONDS = 5 * 60

type MailgunBody = {
  signature?: { timestamp?: string; token?: string; signature?: string }
  'event-data'?: {
    id?: string
    timestamp?: number
    event?: string
    severity?: string
    recipient?: string
    message?: { headers?: { 'message-id'?: string } }
  }
}

export const readMailgun: ProviderReader = async (request, settings) => {
  if (!settings.mailgunSigningKey) throw new ProviderDisabledError('MAILGUN_WEBHOOK_SIGNING_KEY')
  const body = parseJson(request.body) as MailgunBody
  const { timestamp, token, signature } = body?.signature ?? {}
  if (typeof timestamp !== 'string' || typeof token !== 'string' || typeof signature !== 'string') throw new WebhookAuthError('The request is not signed.')
  const expected = createHmac('sha256', settings.mailgunSigningKey).update(timestamp + token).digest('hex')
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    throw new WebhookAuthError('The signature does not match.')
  }
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    throw new WebhookAuthError('The signature is too old (more than 5 minutes).')
  }
  const data = body['event-data']
  if (!data || typeof data.id !== 'string' || typeof data.recipient !== 'string') throw new WebhookFormatError('The body has no event-data with an id and a recipient.')
  const type =
    data.event === 'failed' ? (data.severity === 'permanent' ? 'hard-bounce' : 'soft-bounce') : data.event === 'complained' ? 'complaint' : data.event === 'unsubscribed' ? 'unsubscribe' : undefined
  if (!type) return []
  const event: ProviderEvent = {
    provider: 'mailgun',
    id: data.id,
    type,
    address: data.recipient,
    occurredAt: dateOf(data.timestamp),
    messageId: data.message?.headers?.['message-id'],
  }
  return [event]
}
