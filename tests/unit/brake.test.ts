import { describe, expect, it } from 'vitest'

import { brakeReason } from '@/src/services/deliverability/brake'

/** The brake's judgement alone: figures in, a reason to pause (with the figures) or none. */

const SETTINGS = { minMessages: 1_000, complaintRate: 0.001, bounceRate: 0.05 }

describe('the brake’s judgement', () => {
  it('waits for BRAKE_MIN_MESSAGES before judging, however bad the start', () => {
    expect(brakeReason({ sent: 999, complaints: 50, hardBounces: 500 }, SETTINGS)).toBeUndefined()
  })

  it('pauses above the complaint rate, not at it', () => {
    expect(brakeReason({ sent: 2_000, complaints: 2, hardBounces: 0 }, SETTINGS)).toBeUndefined()
    expect(brakeReason({ sent: 2_000, complaints: 3, hardBounces: 0 }, SETTINGS)).toBe(
      'Paused by the brake: 3 spam complaints for 2,000 messages sent (0.15 %, above 0.1 %).',
    )
  })

  it('pauses above the hard-bounce rate, and names a single one in the singular', () => {
    expect(brakeReason({ sent: 1_000, complaints: 0, hardBounces: 50 }, SETTINGS)).toBeUndefined()
    expect(brakeReason({ sent: 1_000, complaints: 0, hardBounces: 51 }, SETTINGS)).toMatch(
      /^Paused by the brake: 51 hard bounces for 1,000 messages sent \(5\.1 %, above 5 %\)\.$/,
    )
    expect(brakeReason({ sent: 20, complaints: 1, hardBounces: 0 }, { ...SETTINGS, minMessages: 20 })).toMatch(
      /^Paused by the brake: 1 spam complaint for 20 messages/,
    )
  })
})
