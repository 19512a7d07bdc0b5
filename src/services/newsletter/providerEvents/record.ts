import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'

import type { Subscriber } from '@/src/payload-types'
import { recordBounce } from '@/src/services/digest/bounces'
import { normalizeEmail } from '@/src/services/platform/emailAddress'
import { logger } from '@/src/services/platform/logger'
import { applyBrake } from '@/src/services/deliverability/brake'
import { suppress } from '../suppression'
import type { ProviderEvent } from './types'

/**
 * What a provider's report does to a reader, and the record of it:
 * - a hard bounce marks the reader `bounced` at once;
 * - a soft bounce counts toward Settings' bounce limit (then `bounced`);
 * - a spam complaint marks them `complained` and puts the address on the suppression list;
 * - an unsubscribe unsubscribes.
 * Each event is kept (ids, never the address); its record, written before the effect, claims
 * the provider's event id, so a replay, even one arriving at the same moment, changes
 * nothing. An address we do not know stores nothing.
 */

export type RecordResult = 'recorded' | 'replayed' | 'unknown-address'

const now = () => new Date().toISOString()

/** Ours look like `<mm12.Xyz…@domain>`: the edition's number, and nothing about the reader. */
const editionNumberOf = (messageId?: string) => {
  const found = /(?:^|<)mm(\d{1,7})\./.exec(messageId ?? '')
  return found ? Number(found[1]) : undefined
}

async function applyEffect(req: PayloadRequest, event: ProviderEvent, subscriber: Subscriber): Promise<string> {
  const { payload } = req
  const update = (data: Partial<Subscriber>) =>
    payload.update({ collection: 'subscribers', id: subscriber.id, data, depth: 0, overrideAccess: true, req })
  const mailable = subscriber.status === 'active' || subscriber.status === 'pending'
  switch (event.type) {
    case 'hard-bounce':
      await update({
        bounceCount: (subscriber.bounceCount ?? 0) + 1,
        lastBounceAt: now(),
        ...(mailable ? { status: 'bounced' } : {}),
      })
      return mailable ? 'marked bounced' : `counted a bounce (already ${subscriber.status})`
    case 'soft-bounce': {
      const { bounceCount, limit, suppressed } = await recordBounce(payload, subscriber.id, req)
      return suppressed
        ? `marked bounced (${bounceCount} of ${limit} bounces)`
        : `counted a bounce (${bounceCount} of ${limit})`
    }
    case 'complaint':
      await update({ status: 'complained', unsubscribedAt: subscriber.unsubscribedAt ?? now() })
      await suppress(payload, subscriber.email, req, 'complained')
      return 'unsubscribed and suppressed'
    case 'unsubscribe':
      if (!mailable) return `no change (already ${subscriber.status})`
      await update({ status: 'unsubscribed', unsubscribedAt: now() })
      return 'unsubscribed'
  }
}

const alreadyRecorded = async (payload: Payload, eventKey: string) =>
  (await payload.count({ collection: 'email-events', where: { eventKey: { equals: eventKey } }, overrideAccess: true }))
    .totalDocs > 0

export async function recordProviderEvent(payload: Payload, event: ProviderEvent): Promise<RecordResult> {
  const eventKey = `${event.provider}:${event.id}`.slice(0, 400)
  if (await alreadyRecorded(payload, eventKey)) return 'replayed'
  const email = normalizeEmail(event.address)
  const { docs } = email
    ? await payload.find({
        collection: 'subscribers',
        where: { email: { equals: email } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
    : { docs: [] }
  const subscriber = docs[0]
  if (!subscriber) return 'unknown-address'

  const number = editionNumberOf(event.messageId)
  const edition = number
    ? (
        await payload.find({
          collection: 'editions',
          where: { number: { equals: number } },
          limit: 1,
          depth: 0,
          overrideAccess: true,
        })
      ).docs[0]
    : undefined

  // The record is written first: its unique key claims the event, so the same event delivered
  // twice at once applies once even where the adapter has no transactions (SQLite).
  let claimed: { id: string | number }
  try {
    claimed = await payload.create({
      collection: 'email-events',
      data: {
        provider: event.provider,
        type: event.type,
        eventKey,
        occurredAt: event.occurredAt.toISOString(),
        subscriber: subscriber.id,
        edition: edition?.id,
        effect: 'being applied',
      },
      depth: 0,
      overrideAccess: true,
      // No transaction: the unique key settles a race, and the loser must see the winner at
      // once (on MongoDB an uncommitted winner inside its transaction would be invisible).
      disableTransaction: true,
    })
  } catch (error) {
    if (await alreadyRecorded(payload, eventKey)) return 'replayed'
    throw error
  }
  const req = await createLocalReq({}, payload)
  const ownsTransaction = await initTransaction(req)
  try {
    const effect = await applyEffect(req, event, subscriber)
    await payload.update({
      collection: 'email-events',
      id: claimed.id,
      data: { effect },
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (ownsTransaction) await commitTransaction(req)
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    // Nothing was applied (or it was rolled back): let the provider's retry find no record.
    await payload.delete({ collection: 'email-events', id: claimed.id, overrideAccess: true }).catch(() => undefined)
    throw error
  }
  // A complaint or a hard bounce about an edition that is going out: the brake weighs it at once.
  if (edition && (event.type === 'complaint' || event.type === 'hard-bounce'))
    await applyBrake(payload, edition.id).catch((error: Error) =>
      logger.warn(
        { edition: edition.id, err: error.message },
        'the brake could not weigh the edition now; the next batch will',
      ),
    )
  return 'recorded'
}
