import { describe, expect, it, vi } from 'vitest'

/**
 * Rotating PAYLOAD_SECRET: links in mail already sent keep working while the old secret is
 * listed in PREVIOUS_SECRETS; new links use the new secret; forged ones still fail.
 */

const OLD = 'the-old-secret-0123456789abcdef0123456789'
const NEW = 'the-new-secret-fedcba9876543210fedcba9876'
const STRANGER = 'someone-elses-secret-00112233445566778899'

/** The token module as a process started with these settings would have it. */
async function startedWith(current: string, previous?: string) {
  vi.resetModules()
  process.env.PAYLOAD_SECRET = current
  if (previous) process.env.PREVIOUS_SECRETS = previous
  else delete process.env.PREVIOUS_SECRETS
  return import('@/src/services/platform/tokens')
}

describe('secret rotation', () => {
  it('keeps old links working, signs new ones with the new secret, and still refuses forgeries', async () => {
    const before = await startedWith(OLD)
    const mailedLastYear = before.createToken('unsubscribe', 42)

    const rotated = await startedWith(NEW, `${OLD}, ${STRANGER.replace('someone', 'another')}`)
    expect(rotated.verifyToken('unsubscribe', mailedLastYear)).toBe('42')
    const mailedToday = rotated.createToken('unsubscribe', 7)
    expect(rotated.verifyToken('unsubscribe', mailedToday)).toBe('7')
    // The purpose is still bound: an old unsubscribe token confirms nothing.
    expect(() => rotated.verifyToken('confirm', mailedLastYear)).toThrow(rotated.InvalidTokenError)

    const forger = await startedWith(STRANGER)
    const forged = forger.createToken('unsubscribe', 42)
    const tampered = mailedLastYear.replace(/^([^.]+)\.[^.]+/, `$1.${Buffer.from('43').toString('base64url')}`)
    const again = await startedWith(NEW, OLD)
    for (const token of [forged, tampered]) expect(() => again.verifyToken('unsubscribe', token)).toThrow(/not valid/)

    // New links are the new secret's alone: a process that only knows the old one refuses them.
    const oldOnly = await startedWith(OLD)
    expect(() => oldOnly.verifyToken('unsubscribe', mailedToday)).toThrow(/not valid/)
    // Dropping a secret from PREVIOUS_SECRETS retires its links.
    const retired = await startedWith(NEW)
    expect(() => retired.verifyToken('unsubscribe', mailedLastYear)).toThrow(/not valid/)
  })

  it('refuses a PREVIOUS_SECRETS entry too short to be a secret, with a clear message', async () => {
    const { loadEnv } = await import('@/src/env')
    const settings = (values: Record<string, string>) => ({ NODE_ENV: 'test', ...values }) as NodeJS.ProcessEnv
    expect(() => loadEnv(settings({ PAYLOAD_SECRET: NEW, PREVIOUS_SECRETS: 'short' }))).toThrow(
      /PREVIOUS_SECRETS must be earlier PAYLOAD_SECRET values/,
    )
    expect(
      loadEnv(settings({ PAYLOAD_SECRET: NEW, PREVIOUS_SECRETS: ` ${OLD} ,${STRANGER}` })).previousSecrets,
    ).toEqual([OLD, STRANGER])
  })
})
