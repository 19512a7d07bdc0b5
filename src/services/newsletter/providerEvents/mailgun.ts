import { createHmac } from 'node:crypto'

import { sameSecret } from '@/src/services/platform/sameSecret'
import {
  checkFreshness,
  dateOf,
  parseJson,
  ProviderDisabledError,
  WebhookAuthError,
  WebhookFormatError,
  type ProviderEvent,
  type ProviderReader,
} from './types'

/**
 * Mailgun's webhooks: `signature.signature` is HMAC-SHA256 of `timestamp + token` under the
 * HTTP webhook signing key. The signature covers neither the body nor the event, so a
 * captured request could carry anything: a timestamp more than 5 minutes away is refused, and
 * each token is accepted once (remembered for those minutes); the event's own id catches a
 * provider's own retry.
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
  if (typeof timestamp !== 'string' || typeof token !== 'string' || typeof signature !== 'string')
    throw new WebhookAuthError('The request is not signed.')
  const expected = createHmac('sha256', settings.mailgunSigningKey)
    .update(timestamp + token)
    .digest('hex')
  if (!sameSecret(signature, expected)) throw new WebhookAuthError('The signature does not match.')
  if (!/^\d+$/.test(timestamp)) throw new WebhookAuthError('The signature has no valid timestamp.')
  checkFreshness(new Date(Number(timestamp) * 1000), MAX_SKEW_SECONDS)
  const once = { key: `mailgun:${expected}`, validSeconds: 2 * MAX_SKEW_SECONDS }
  const data = body['event-data']
  if (!data || typeof data.id !== 'string' || typeof data.recipient !== 'string')
    throw new WebhookFormatError('The body has no event-data with an id and a recipient.')
  const type =
    data.event === 'failed'
      ? data.severity === 'permanent'
        ? 'hard-bounce'
        : 'soft-bounce'
      : data.event === 'complained'
        ? 'complaint'
        : data.event === 'unsubscribed'
          ? 'unsubscribe'
          : undefined
  if (!type) return { events: [], signature: once }
  const event: ProviderEvent = {
    provider: 'mailgun',
    id: data.id,
    type,
    address: data.recipient,
    occurredAt: dateOf(data.timestamp),
    messageId: data.message?.headers?.['message-id'],
  }
  return { events: [event], signature: once }
}
