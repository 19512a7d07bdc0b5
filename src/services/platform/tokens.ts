import { createHmac, timingSafeEqual } from 'node:crypto'

import { secretKeys } from './secretKeys'

/**
 * Links in emails carry signed tokens: `<purpose>.<subject id>.<expiry>.<signature>`, all
 * base64url. The signature is HMAC-SHA256 with a key derived from PAYLOAD_SECRET, covers
 * the purpose (an unsubscribe token cannot confirm), and is compared in constant time. The
 * subject is a record id, never an address. Unsubscribe links must work for months after a
 * send, so tokens signed with a secret listed in PREVIOUS_SECRETS still verify.
 */

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'address-change' | 'contributor-status'

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'malformed' | 'forged' | 'expired') {
    super(reason === 'expired' ? 'This link has expired.' : 'This link is not valid.')
    this.name = 'InvalidTokenError'
  }
}

/** The current key first; then those of PREVIOUS_SECRETS, so links mailed before a rotation keep working. */
const keys = () => secretKeys('link tokens v1')

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url')
const decode = (text: string) => Buffer.from(text, 'base64url').toString('utf8')
const sign = (body: string, key: Buffer) => createHmac('sha256', key).update(body).digest('base64url')

export function createToken(
  purpose: TokenPurpose,
  subjectId: string | number,
  ttlMs?: number,
  now = Date.now(),
): string {
  const expires = ttlMs === undefined ? 0 : now + ttlMs
  const body = [encode(purpose), encode(String(subjectId)), expires.toString(36)].join('.')
  return `${body}.${sign(body, keys()[0])}`
}

/** The subject id the token was made for, if it is genuine, of this purpose and not expired. */
export function verifyToken(purpose: TokenPurpose, token: unknown, now = Date.now()): string {
  if (typeof token !== 'string' || token.length > 512) throw new InvalidTokenError('malformed')
  const parts = token.split('.')
  if (parts.length !== 4) throw new InvalidTokenError('malformed')
  const [purposePart, subjectPart, expiresPart, signature] = parts
  const given = Buffer.from(signature)
  const genuine = keys().some((key) => {
    const expected = Buffer.from(sign(`${purposePart}.${subjectPart}.${expiresPart}`, key))
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  if (!genuine) throw new InvalidTokenError('forged')
  if (decode(purposePart) !== purpose) throw new InvalidTokenError('forged')
  const expires = parseInt(expiresPart, 36)
  if (expires !== 0 && now > expires) throw new InvalidTokenError('expired')
  return decode(subjectPart)
}
