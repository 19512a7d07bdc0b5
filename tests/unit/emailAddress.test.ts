import { describe, expect, it } from 'vitest'

import { normalizeEmail } from '@/src/services/platform/emailAddress'

describe('email addresses', () => {
  it('are stored in one canonical form, one per mailbox whatever the case', () => {
    expect(normalizeEmail('  Jane.Doe@Example.ORG ')).toBe('jane.doe@example.org')
    expect(new Set(['Victim@example.org', 'vICTIM@example.org', 'VICTIM@EXAMPLE.ORG'].map(normalizeEmail))).toEqual(
      new Set(['victim@example.org']),
    )
    expect(normalizeEmail('leser@bücher.example')).toBe('leser@xn--bcher-kva.example')
  })

  it('are refused when they are not one plain address', () => {
    for (const bad of [
      '',
      'no-at-sign',
      '@example.org',
      'a@',
      'a@b',
      'a b@example.org',
      'a@example.org\r\nBcc: x@y.org',
      'a..b@example.org',
      '.a@example.org',
      `${'a'.repeat(65)}@example.org`,
      `a@${'b'.repeat(250)}.org`,
      'a@example.org, b@example.org',
    ]) {
      expect(normalizeEmail(bad), bad).toBeUndefined()
    }
  })
})
