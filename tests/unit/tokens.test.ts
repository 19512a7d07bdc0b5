import { describe, expect, it } from 'vitest'

import { createToken, InvalidTokenError, verifyToken } from '@/src/services/platform/tokens'

process.env.PAYLOAD_SECRET = 'token-test-secret-0123456789abcdef0123456789'

const reasonOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError)
    return (error as InvalidTokenError).reason
  }
  return 'accepted'
}

describe('link tokens', () => {
  it('carry a record id and come back as it', () => {
    expect(verifyToken('unsubscribe', createToken('unsubscribe', 42))).toBe('42')
    expect(verifyToken('confirm', createToken('confirm', '65a1f0c2e4b0a1b2c3d4e5f6', 1000))).toBe(
      '65a1f0c2e4b0a1b2c3d4e5f6',
    )
  })

  it('have a fixed shape: base64url parts and a 256-bit signature', () => {
    expect(createToken('confirm', 7)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/)
  })

  it('are bound to their purpose', () => {
    expect(reasonOf(() => verifyToken('confirm', createToken('unsubscribe', 1)))).toBe('forged')
  })

  it('refuse a changed id, a changed expiry, or a made-up signature', () => {
    const [purpose, , expires, signature] = createToken('confirm', 1, 60_000).split('.')
    expect(
      reasonOf(() =>
        verifyToken('confirm', [purpose, Buffer.from('2').toString('base64url'), expires, signature].join('.')),
      ),
    ).toBe('forged')
    expect(reasonOf(() => verifyToken('confirm', [purpose, 'MQ', 'zzzzzzzz', signature].join('.')))).toBe('forged')
    expect(reasonOf(() => verifyToken('confirm', `${purpose}.MQ.${expires}.${'A'.repeat(43)}`))).toBe('forged')
  })

  it('expire when given a lifetime', () => {
    const token = createToken('confirm', 1, 1000, Date.now() - 2000)
    expect(reasonOf(() => verifyToken('confirm', token))).toBe('expired')
  })

  it('refuse anything that is not a token', () => {
    for (const bad of [undefined, '', 'abc', 'a.b.c', ['x'], 'x'.repeat(600)])
      expect(reasonOf(() => verifyToken('confirm', bad))).toBe('malformed')
  })
})
