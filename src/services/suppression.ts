import { createHmac, hkdfSync } from 'node:crypto'
import type { Payload, PayloadRequest } from 'payload'

import { env } from '../env'
import { normalizeEmail } from './emailAddress'

/**
 * The suppression list: erased addresses as HMAC-SHA256 hashes under a key derived from
 * PAYLOAD_SECRET (a keyed hash, so a leaked list cannot be checked against guessed
 * addresses). Rotating PAYLOAD_SECRET forgets the list's matches.
 */

let key: Buffer | undefined
export function suppressionHash(email: string): string {
  key ??= Buffer.from(hkdfSync('sha256', env().payloadSecret, 'mindful-press', 'suppression list v1', 32))
  const canonical = (normalizeEmail(email) ?? email.trim()).toLowerCase()
  return createHmac('sha256', key).update(canonical).digest('hex')
}

export async function isSuppressed(payload: Payload, email: string, req?: PayloadRequest): Promise<boolean> {
  const { totalDocs } = await payload.count({
    collection: 'suppressions',
    where: { emailHash: { equals: suppressionHash(email) } },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

export async function suppress(payload: Payload, email: string, req?: PayloadRequest): Promise<void> {
  if (await isSuppressed(payload, email, req)) return
  await payload.create({ collection: 'suppressions', data: { emailHash: suppressionHash(email), reason: 'erased' }, overrideAccess: true, req })
}
