import { describe, expect, it } from 'vitest'

import { batchSizeFor, rateLimitFor } from '@/src/services/digest/pace'

/** The digest's send rate from Settings, in BullMQ's units. */

describe('the send rate as BullMQ counts it', () => {
  it('keeps a batch within one second of messages, so the rate holds second by second', () => {
    expect(batchSizeFor({ sendRatePerSecond: 50 }, 200)).toBe(50)
    expect(rateLimitFor({ sendRatePerSecond: 50 }, 200)).toEqual({ max: 1, duration: 1000 })
    expect(batchSizeFor({ sendRatePerSecond: 10_000 }, 200)).toBe(200)
    expect(rateLimitFor({ sendRatePerSecond: 10_000 }, 200)).toEqual({ max: 50, duration: 1000 })
    expect(rateLimitFor({ sendRatePerSecond: 1 }, 200)).toEqual({ max: 1, duration: 1000 })
  })
})
