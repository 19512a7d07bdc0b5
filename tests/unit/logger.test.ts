import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'

import { createLogger, maskAddresses } from '@/src/services/platform/logger'

describe('logs', () => {
  it('mask anything that looks like an address', () => {
    expect(maskAddresses('could not deliver to jane@example.org (550)')).toBe('could not deliver to [address] (550)')
  })

  it('never print an address, whether in a field, a message or an error', () => {
    const lines: string[] = []
    const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) })
    const logger = createLogger({ name: 'test', level: 'info', destination })
    logger.info({ email: 'jane@example.org', subscriber: { email: 'joe@example.org' } }, 'welcome sent')
    logger.info('confirmation sent to jane@example.org')
    logger.error({ err: new Error('550 mailbox jane@example.org unknown') }, 'delivery failed')
    const text = lines.join('')
    expect(lines).toHaveLength(3)
    expect(text).not.toMatch(/jane@|joe@/)
    expect(text).toContain('[redacted]')
    expect(text).toContain('[address]')
    expect(text).toContain('550 mailbox')
  })
})
