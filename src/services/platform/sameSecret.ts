import { timingSafeEqual } from 'node:crypto'

/**
 * Compares a secret someone sent with ours in constant time. By bytes, not characters: a
 * signature of 64 multi-byte characters has 64 characters and more bytes, and
 * `timingSafeEqual` throws on buffers of different lengths.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8')
  const b = Buffer.from(expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
