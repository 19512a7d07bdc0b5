import { describe, expect, it } from 'vitest'

/** The two paces as an admin writes them in Settings, and what is in force when Settings are empty or do not fit. */

process.env.SMTP_URLS = 'smtp://first.example:587,smtp://second.example:587'
process.env.SMTP_RATE = '14/s'
process.env.WARMUP_PLAN = '100,200'
const { parseSmtpRates, parseWarmupPlan } = await import('@/src/services/deliverability/paces')
const { smtpRatesOf, warmupPlanOf } = await import('@/src/services/deliverability/paceSettings')

describe('paces written in Settings', () => {
  it('read a plan of whole numbers and paces per second, minute or hour', () => {
    expect(parseWarmupPlan(' 200, 400,800 ')).toEqual([200, 400, 800])
    expect(parseWarmupPlan('200,lots')).toBeUndefined()
    expect(parseWarmupPlan('0')).toBeUndefined()
    expect(parseSmtpRates('600/m', 2)).toEqual([
      { points: 600, durationSeconds: 60 },
      { points: 600, durationSeconds: 60 },
    ])
    expect(parseSmtpRates(',50000/h', 2)).toEqual([undefined, { points: 50000, durationSeconds: 3600 }])
    expect(parseSmtpRates('14/s,1/h,2/h', 2)).toBeUndefined()
    expect(parseSmtpRates('14 per second', 1)).toBeUndefined()
  })

  it('win over the environment when set, and give way to it when empty or not fitting the routes', () => {
    expect(warmupPlanOf({ warmupPlan: '5,10' })).toEqual([5, 10])
    expect(warmupPlanOf({ warmupPlan: '' })).toEqual([100, 200])
    expect(warmupPlanOf({ warmupPlan: null })).toEqual([100, 200])
    expect(smtpRatesOf({ smtpRate: '9/s' })).toEqual([
      { points: 9, durationSeconds: 1 },
      { points: 9, durationSeconds: 1 },
    ])
    // Three paces for two routes: the environment's pace stays in force.
    expect(smtpRatesOf({ smtpRate: '1/s,2/s,3/s' })).toEqual([
      { points: 14, durationSeconds: 1 },
      { points: 14, durationSeconds: 1 },
    ])
  })
})
