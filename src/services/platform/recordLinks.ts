import { randomBytes } from 'node:crypto'

import { sameSecret } from './sameSecret'
import { verifyToken, type TokenPurpose } from './tokens'

/**
 * A link acts only on the record it was made for. Each record that links point at (a reader,
 * a submission) holds a random key from its creation, and its links carry `id~key`: when the
 * record is erased, nothing else ever has that key, whatever id it is given.
 *
 * Records made before keys existed have none; the links mailed to them carry the id alone
 * and keep working for them. A keyless link never opens a record that has a key, and since
 * ids are no longer reused (SQLite `autoIncrement`, MongoDB's ObjectIds) every record made
 * from now on has one.
 */

export type LinkedRecord = { id: string | number; linkKey?: string | null }

export const newLinkKey = () => randomBytes(12).toString('base64url')

/** What a token names: the record's id and, for records that have one, its key. */
export const linkSubject = (record: LinkedRecord): string =>
  record.linkKey ? `${record.id}~${record.linkKey}` : String(record.id)

export function parseLinkSubject(subject: string): { id: string; key: string | null } {
  const at = subject.indexOf('~')
  return at === -1 ? { id: subject, key: null } : { id: subject.slice(0, at), key: subject.slice(at + 1) }
}

/** Whether a link carrying `key` (null for a keyless one) was made for this record. */
export function linkFits(record: Pick<LinkedRecord, 'linkKey'>, key: string | null): boolean {
  if (!record.linkKey) return key === null
  return key !== null && sameSecret(key, record.linkKey)
}

/** The record a genuine token of this purpose names (InvalidTokenError otherwise); check it with `linkFits` once loaded. */
export const recordOfToken = (purpose: TokenPurpose, token: unknown) => parseLinkSubject(verifyToken(purpose, token))
