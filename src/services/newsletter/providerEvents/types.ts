import type { EmailEventProvider, EmailEventType } from '@/src/services/newsletter/providerEvents/eventTypes'
import type { EmailEventSettings } from '@/src/env'

/** One thing a provider reports about one recipient, as every provider's format is read into. */
export type ProviderEvent = {
  provider: EmailEventProvider
  /** The provider's own id for the event: a replay carries the same. */
  id: string
  type: EmailEventType
  address: string
  occurredAt: Date
  /** The Message-ID of the message it is about, when the provider reports it (ours name the edition). */
  messageId?: string
}

/** A webhook request as it arrived: the body is kept raw, because signatures cover its exact bytes. */
export type InboundWebhook = { headers: Headers; body: string }

/**
 * What a genuine request holds. `signature` names a signature that may be used once only
 * (Mailgun's token): remembered for as long as the signature is valid, so a captured request
 * cannot be sent again.
 */
export type ReadEvents = { events: ProviderEvent[]; signature?: { key: string; validSeconds: number } }

/** Reads and authenticates one provider's webhook; throws WebhookAuthError when it cannot be trusted. */
export type ProviderReader = (request: InboundWebhook, settings: EmailEventSettings) => Promise<ReadEvents>

/** A signed time further than this from ours is refused: an old request sent again. */
export function checkFreshness(signedAt: Date, maxAgeSeconds: number, now = Date.now()) {
  const seconds = Math.abs(now - signedAt.getTime()) / 1000
  if (!(seconds <= maxAgeSeconds))
    throw new WebhookAuthError(
      `The request is too old (signed more than ${Math.round(maxAgeSeconds / 60)} minutes ago).`,
    )
}

/** The request did not prove it comes from the provider: 401, and nothing changes. */
export class WebhookAuthError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookAuthError'
  }
}

/** The provider is not configured here: its endpoint answers 404. */
export class ProviderDisabledError extends Error {
  constructor(setting: string) {
    super(`These events are not enabled here. Set ${setting} to receive them.`)
    this.name = 'ProviderDisabledError'
  }
}

/** A body that is not what the provider sends: 400. */
export class WebhookFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookFormatError'
  }
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    throw new WebhookFormatError('The body is not valid JSON.')
  }
}

/** A date from seconds, milliseconds or text; now when missing or unreadable. */
export function dateOf(value: unknown): Date {
  const date =
    typeof value === 'number'
      ? new Date(value < 1e12 ? value * 1000 : value)
      : typeof value === 'string'
        ? new Date(value)
        : new Date(NaN)
  return Number.isNaN(date.getTime()) ? new Date() : date
}
