import config from '@payload-config'
import { getPayload } from 'payload'

import { EMAIL_EVENT_PROVIDERS, type EmailEventProvider } from '@/src/services/newsletter/providerEvents/eventTypes'
import { env } from '@/src/env'
import { logger } from '@/src/services/platform/logger'
import { clientAddress, PublicRequestError } from '@/src/services/platform/publicRequests'
import { consume, LIMITS, rememberOnce } from '@/src/services/platform/rateLimits'
import { readMailgun } from './mailgun'
import { readPostmark } from './postmark'
import { recordProviderEvent, type RecordResult } from './record'
import { readSendGrid } from './sendgrid'
import { readSes } from './ses'
import { ProviderDisabledError, WebhookAuthError, WebhookFormatError, type ProviderReader } from './types'
import { noStoreJson } from '@/src/services/platform/responses'

/** POST /api/email-events/<provider>: what each provider reports after accepting our mail. */

const READERS: Record<EmailEventProvider, ProviderReader> = {
  ses: readSes,
  postmark: readPostmark,
  mailgun: readMailgun,
  sendgrid: readSendGrid,
}

/** Providers batch events (SendGrid) but never send more than this in one request. */
const MAX_EVENTS_BODY = 1024 * 1024

/** Claims a one-time signature, or refuses it as a replay; the answer undoes the claim. */
async function useOnce(signature: { key: string; validSeconds: number }): Promise<() => Promise<void>> {
  const release = await rememberOnce(`webhook-signature:${signature.key}`, signature.validSeconds)
  if (!release) throw new WebhookAuthError('This signature was already used.')
  return release
}

async function rawBody(request: Request): Promise<string> {
  if (Number(request.headers.get('content-length') ?? '0') > MAX_EVENTS_BODY)
    throw new PublicRequestError(413, 'The request is too large (at most 1 MB).')
  const text = await request.text()
  if (Buffer.byteLength(text) > MAX_EVENTS_BODY)
    throw new PublicRequestError(413, 'The request is too large (at most 1 MB).')
  return text
}

export async function receiveEmailEvents(request: Request, provider: string): Promise<Response> {
  if (!(EMAIL_EVENT_PROVIDERS as readonly string[]).includes(provider)) {
    return noStoreJson(
      { message: `Unknown provider. Events are received for: ${EMAIL_EVENT_PROVIDERS.join(', ')}.` },
      404,
    )
  }
  try {
    await consume(LIMITS.webhooksPerClient, clientAddress(request))
    const { events, signature } = await READERS[provider as EmailEventProvider](
      { headers: request.headers, body: await rawBody(request) },
      env().emailEvents,
    )
    const payload = await getPayload({ config })
    const results: Record<RecordResult, number> = { recorded: 0, replayed: 0, 'unknown-address': 0 }
    const release = signature ? await useOnce(signature) : undefined
    try {
      for (const event of events) results[await recordProviderEvent(payload, event)]++
    } catch (error) {
      // Nothing was lost: the provider's retry may use the same signature again.
      await release?.()
      throw error
    }
    logger.info({ provider, ...results }, 'provider events received')
    // The same answer whether or not we knew the addresses: nothing here tells who subscribes.
    return noStoreJson({ received: events.length }, 200)
  } catch (error) {
    if (error instanceof WebhookAuthError) return noStoreJson({ message: error.message }, 401)
    if (error instanceof ProviderDisabledError) return noStoreJson({ message: error.message }, 404)
    if (error instanceof WebhookFormatError) return noStoreJson({ message: error.message }, 400)
    if (error instanceof PublicRequestError) return noStoreJson({ message: error.message }, error.status)
    logger.error({ err: error, provider }, 'provider events failed')
    // 5xx: the provider retries later, and a replay changes nothing twice.
    return noStoreJson({ message: 'The events could not be recorded just now; please retry.' }, 503)
  }
}
