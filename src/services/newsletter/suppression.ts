import { createHmac } from 'node:crypto'
import type { Payload, PayloadRequest } from 'payload'

import { secretKeys } from '../platform/secretKeys'
import { normalizeEmail } from '../platform/emailAddress'

/**
 * The suppression list: erased addresses as HMAC-SHA256 hashes under a key derived from
 * PAYLOAD_SECRET (a keyed hash, so a leaked list cannot be checked against guessed
 * addresses). After PAYLOAD_SECRET rotates, entries made under a secret still listed in
 * PREVIOUS_SECRETS keep matching; dropping a secret from that list forgets its entries.
 */

function hashesOf(email: string): string[] {
  const canonical = (normalizeEmail(email) ?? email.trim()).toLowerCase()
  return secretKeys('suppression list v1').map((key) => createHmac('sha256', key).update(canonical).digest('hex'))
}

/** The hash stored for an address: under the current secret. */
export const suppressionHash = (email: string): string => hashesOf(email)[0]

/** Also matches hashes stored under a secret listed in PREVIOUS_SECRETS. */
export async function isSuppressed(payload: Payload, email: string, req?: PayloadRequest): Promise<boolean> {
  const { totalDocs } = await payload.count({
    collection: 'suppressions',
    where: { emailHash: { in: hashesOf(email) } },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

export async function suppress(
  payload: Payload,
  email: string,
  req?: PayloadRequest,
  reason: 'erased' | 'complained' = 'erased',
): Promise<void> {
  if (await isSuppressed(payload, email, req)) return
  await payload.create({
    collection: 'suppressions',
    data: { emailHash: suppressionHash(email), reason },
    overrideAccess: true,
    req,
  })
}

/** Which of these addresses are on the list, in one query (imports check a chunk at a time). */
export async function suppressedAmong(payload: Payload, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set()
  const byHash = new Map<string, string>()
  for (const email of emails) for (const hash of hashesOf(email)) byHash.set(hash, email)
  const { docs } = await payload.find({
    collection: 'suppressions',
    where: { emailHash: { in: [...byHash.keys()] } },
    select: { emailHash: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return new Set(docs.map((doc) => byHash.get(doc.emailHash)!))
}
