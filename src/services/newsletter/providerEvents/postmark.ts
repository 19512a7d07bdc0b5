import { sameSecret } from '@/src/services/platform/sameSecret'

import type { EmailEventType } from '@/src/services/newsletter/providerEvents/eventTypes'
import {
  dateOf,
  parseJson,
  ProviderDisabledError,
  WebhookAuthError,
  WebhookFormatError,
  type ProviderReader,
} from './types'

/**
 * Postmark's bounce, spam complaint and subscription change webhooks, authenticated with the
 * HTTP basic credentials set in the webhook's URL (EMAIL_WEBHOOK_USER / _PASSWORD).
 */

type PostmarkBody = {
  RecordType?: string
  ID?: number | string
  Type?: string
  Email?: string
  Recipient?: string
  BouncedAt?: string
  ChangedAt?: string
  MessageID?: string
  SuppressSending?: boolean
  SuppressionReason?: string
}

const HARD = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated', 'AddressChange'])
const SOFT = new Set(['SoftBounce', 'Transient', 'DnsError', 'MailboxFull' /* older name */])

function typeOf(body: PostmarkBody): EmailEventType | undefined {
  if (body.RecordType === 'SpamComplaint' || body.Type === 'SpamComplaint') return 'complaint'
  if (body.RecordType === 'Bounce')
    return HARD.has(body.Type ?? '') ? 'hard-bounce' : SOFT.has(body.Type ?? '') ? 'soft-bounce' : undefined
  // A suppression Postmark made for a bounce or a complaint arrives as its own event too: only the reader's own choice counts here.
  if (
    body.RecordType === 'SubscriptionChange' &&
    body.SuppressSending === true &&
    body.SuppressionReason === 'ManualSuppression'
  )
    return 'unsubscribe'
  return undefined
}

export const readPostmark: ProviderReader = async (request, settings) => {
  if (!settings.basicAuth) throw new ProviderDisabledError('EMAIL_WEBHOOK_USER and EMAIL_WEBHOOK_PASSWORD')
  const header = request.headers.get('authorization') ?? ''
  const [scheme, encoded] = header.split(' ')
  const [user, ...rest] = Buffer.from(encoded ?? '', 'base64')
    .toString('utf8')
    .split(':')
  const userOk = sameSecret(user ?? '', settings.basicAuth.user)
  const passwordOk = sameSecret(rest.join(':'), settings.basicAuth.password)
  if (scheme?.toLowerCase() !== 'basic' || !userOk || !passwordOk)
    throw new WebhookAuthError('The credentials are missing or wrong.')

  const body = parseJson(request.body) as PostmarkBody
  if (!body || typeof body !== 'object' || typeof body.RecordType !== 'string')
    throw new WebhookFormatError('The body has no RecordType.')
  const type = typeOf(body)
  if (!type) return { events: [] }
  const address = body.Email ?? body.Recipient
  if (typeof address !== 'string') throw new WebhookFormatError('The event names no recipient.')
  const id =
    body.ID !== undefined ? `${body.RecordType}:${body.ID}` : `${body.RecordType}:${body.MessageID}:${body.ChangedAt}`
  return { events: [{ provider: 'postmark', id, type, address, occurredAt: dateOf(body.BouncedAt ?? body.ChangedAt) }] }
}
