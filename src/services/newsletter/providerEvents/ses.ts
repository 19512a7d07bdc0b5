import { createVerify } from 'node:crypto'

import type { EmailEventType } from '@/src/services/newsletter/providerEvents/eventTypes'
import type { EmailEventSettings } from '@/src/env'
import { logger } from '@/src/services/platform/logger'
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
 * Amazon SES notifications, delivered by SNS. Each SNS message is signed with a certificate
 * that SNS serves from `https://sns.<region>.amazonaws.com/…pem`: the URL is checked before
 * it is fetched, the signature over SNS's canonical fields is verified (SHA1 for version 1,
 * SHA256 for version 2), and only SES_SNS_TOPIC_ARN's messages count. A subscription
 * confirmation is confirmed by fetching its SubscribeURL, which must be on the same kind of host.
 */

type SnsMessage = {
  Type?: string
  MessageId?: string
  Token?: string
  TopicArn?: string
  Subject?: string
  Message?: string
  SubscribeURL?: string
  Timestamp?: string
  SignatureVersion?: string
  Signature?: string
  SigningCertURL?: string
}

type SesNotification = {
  notificationType?: string
  eventType?: string
  mail?: { commonHeaders?: { messageId?: string } }
  bounce?: { bounceType?: string; bouncedRecipients?: Array<{ emailAddress?: string }>; timestamp?: string }
  complaint?: {
    complainedRecipients?: Array<{ emailAddress?: string }>
    timestamp?: string
    complaintFeedbackType?: string
  }
}

/** SNS retries a delivery for well under an hour by default. */
const MAX_AGE_SECONDS = 60 * 60

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/

/** An https URL on an SNS host, or nothing: nothing else is ever fetched for a webhook. */
function snsUrl(value: unknown, what: string): URL {
  let url: URL
  try {
    url = new URL(String(value))
  } catch {
    throw new WebhookAuthError(`The ${what} is not a URL.`)
  }
  if (url.protocol !== 'https:' || !SNS_HOST.test(url.hostname) || url.username || url.port)
    throw new WebhookAuthError(`The ${what} is not on an sns.<region>.amazonaws.com host.`)
  return url
}

/** Where to fetch an SNS URL from: SNS itself, or the configured mirror (the path and query kept). */
const fetchable = (url: URL, settings: EmailEventSettings) =>
  settings.snsCertificateOrigin ? `${settings.snsCertificateOrigin}${url.pathname}${url.search}` : url.href

const certificates = new Map<string, Promise<string>>()

function certificate(url: URL, settings: EmailEventSettings): Promise<string> {
  if (!url.pathname.endsWith('.pem'))
    throw new WebhookAuthError('The signing certificate URL does not name a .pem file.')
  let pem = certificates.get(url.href)
  if (!pem) {
    pem = fetch(fetchable(url, settings), { signal: AbortSignal.timeout(5_000) }).then(async (response) => {
      if (!response.ok) throw new WebhookAuthError(`The signing certificate could not be fetched (${response.status}).`)
      return response.text()
    })
    pem.catch(() => certificates.delete(url.href))
    certificates.set(url.href, pem)
  }
  return pem
}

/** The fields SNS signs, in its order, each as "Name\nvalue\n". */
function canonical(message: SnsMessage): string {
  const fields: Array<keyof SnsMessage> =
    message.Type === 'Notification'
      ? [
          'Message',
          'MessageId',
          ...(message.Subject !== undefined ? (['Subject'] as const) : []),
          'Timestamp',
          'TopicArn',
          'Type',
        ]
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type']
  return fields.map((field) => `${field}\n${message[field] ?? ''}\n`).join('')
}

async function verifySignature(message: SnsMessage, settings: EmailEventSettings) {
  if (typeof message.Signature !== 'string' || !message.SigningCertURL)
    throw new WebhookAuthError('The message is not signed.')
  const algorithm =
    message.SignatureVersion === '2' ? 'RSA-SHA256' : message.SignatureVersion === '1' ? 'RSA-SHA1' : undefined
  if (!algorithm) throw new WebhookAuthError('The signature version is unknown.')
  const pem = await certificate(snsUrl(message.SigningCertURL, 'signing certificate URL'), settings)
  let genuine = false
  try {
    genuine = createVerify(algorithm).update(canonical(message), 'utf8').verify(pem, message.Signature, 'base64')
  } catch {
    // A certificate or signature that does not even parse.
  }
  if (!genuine) throw new WebhookAuthError('The signature does not match.')
}

function eventsOf(snsMessageId: string, notification: SesNotification): ProviderEvent[] {
  const kind = notification.notificationType ?? notification.eventType
  const messageId = notification.mail?.commonHeaders?.messageId
  const events = (type: EmailEventType, recipients: Array<{ emailAddress?: string }> | undefined, at: unknown) =>
    (recipients ?? []).flatMap((recipient, index): ProviderEvent[] =>
      typeof recipient.emailAddress === 'string'
        ? [
            {
              provider: 'ses',
              id: `${snsMessageId}:${index}`,
              type,
              address: recipient.emailAddress,
              occurredAt: dateOf(at),
              messageId,
            },
          ]
        : [],
    )
  if (kind === 'Bounce' && notification.bounce) {
    return events(
      notification.bounce.bounceType === 'Permanent' ? 'hard-bounce' : 'soft-bounce',
      notification.bounce.bouncedRecipients,
      notification.bounce.timestamp,
    )
  }
  // A recipient's "this is not spam" is feedback, not a complaint.
  if (kind === 'Complaint' && notification.complaint && notification.complaint.complaintFeedbackType !== 'not-spam') {
    return events('complaint', notification.complaint.complainedRecipients, notification.complaint.timestamp)
  }
  return []
}

export const readSes: ProviderReader = async (request, settings) => {
  if (!settings.sesTopicArn) throw new ProviderDisabledError('SES_SNS_TOPIC_ARN')
  const message = parseJson(request.body) as SnsMessage
  if (
    !message ||
    typeof message !== 'object' ||
    typeof message.Type !== 'string' ||
    typeof message.MessageId !== 'string'
  ) {
    throw new WebhookFormatError('The body is not an SNS message.')
  }
  await verifySignature(message, settings)
  // SNS keeps a message's publishing time through its retries, which end within the hour.
  checkFreshness(new Date(message.Timestamp ?? NaN), MAX_AGE_SECONDS)
  // Signed by SNS, but for another topic: not ours to act on.
  if (message.TopicArn !== settings.sesTopicArn) throw new WebhookAuthError('The message is for another SNS topic.')

  if (message.Type === 'SubscriptionConfirmation') {
    const confirmation = await fetch(fetchable(snsUrl(message.SubscribeURL, 'subscription URL'), settings), {
      signal: AbortSignal.timeout(5_000),
    })
    if (!confirmation.ok) throw new Error(`SNS did not accept the subscription confirmation (${confirmation.status})`)
    logger.info({ topic: message.TopicArn }, 'confirmed the SNS subscription for SES events')
    return { events: [] }
  }
  if (message.Type !== 'Notification') return { events: [] }
  const notification = parseJson(message.Message ?? '') as SesNotification
  return { events: eventsOf(message.MessageId, notification ?? {}) }
}
