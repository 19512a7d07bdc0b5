import { verify } from 'node:crypto'

import type { EmailEventType } from '@/src/services/newsletter/providerEvents/eventTypes'
import { publicKeyOf } from '@/src/env'
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
 * SendGrid's signed event webhook: an ECDSA (P-256, SHA-256) signature over the timestamp
 * header followed by the raw body, checked with the verification key from its settings.
 * One request carries a batch of events.
 */

type SendGridEvent = {
  email?: string
  event?: string
  type?: string
  sg_event_id?: string
  'smtp-id'?: string
  timestamp?: number
}

/** A signature older than this is refused: a captured request sent again. */
const MAX_AGE_SECONDS = 15 * 60

function typeOf(event: SendGridEvent): EmailEventType | undefined {
  if (event.event === 'bounce') return event.type === 'blocked' ? 'soft-bounce' : 'hard-bounce'
  if (event.event === 'spamreport') return 'complaint'
  if (event.event === 'unsubscribe' || event.event === 'group_unsubscribe') return 'unsubscribe'
  return undefined
}

export const readSendGrid: ProviderReader = async (request, settings) => {
  if (!settings.sendgridPublicKey) throw new ProviderDisabledError('SENDGRID_WEBHOOK_PUBLIC_KEY')
  const signature = request.headers.get('x-twilio-email-event-webhook-signature')
  const timestamp = request.headers.get('x-twilio-email-event-webhook-timestamp')
  if (!signature || !timestamp) throw new WebhookAuthError('The request is not signed.')
  let genuine = false
  try {
    genuine = verify(
      'sha256',
      Buffer.from(timestamp + request.body, 'utf8'),
      publicKeyOf(settings.sendgridPublicKey),
      Buffer.from(signature, 'base64'),
    )
  } catch {
    // A signature that is not even well-formed DER.
  }
  if (!genuine) throw new WebhookAuthError('The signature does not match.')
  // SendGrid signs each delivery (retries too) with the time of signing.
  if (!/^\d+$/.test(timestamp)) throw new WebhookAuthError('The signature has no valid timestamp.')
  checkFreshness(new Date(Number(timestamp) * 1000), MAX_AGE_SECONDS)

  const events = parseJson(request.body)
  if (!Array.isArray(events)) throw new WebhookFormatError('The body must be a JSON array of events.')
  const read = events.flatMap((event: SendGridEvent): ProviderEvent[] => {
    const type = typeOf(event)
    if (!type || typeof event.email !== 'string' || typeof event.sg_event_id !== 'string') return []
    return [
      {
        provider: 'sendgrid',
        id: event.sg_event_id,
        type,
        address: event.email,
        occurredAt: dateOf(event.timestamp),
        messageId: event['smtp-id'],
      },
    ]
  })
  return { events: read }
}
