import { describe, expect, it } from 'vitest'

import { nextSendTimes, periodAt, weeklyCron, type Schedule } from '@/src/services/digest/schedule'

// The cycle counts from the first chosen weekday on or after 2024-01-01 (Thursday 2024-01-04).
const denver: Schedule = { cadence: 'biweekly', weekday: 'thursday', sendTime: '08:00', timezone: 'America/Denver' }
const iso = (dates: Date[]) => dates.map((d) => d.toISOString())

describe('the bi-weekly schedule', () => {
  it('sends every 14 days on the chosen weekday at the local time', () => {
    const times = nextSendTimes(denver, new Date('2026-06-01T00:00:00Z'), 3)
    expect(iso(times)).toEqual(['2026-06-04T14:00:00.000Z', '2026-06-18T14:00:00.000Z', '2026-07-02T14:00:00.000Z'])
  })

  it('keeps 08:00 local across the autumn daylight-saving change (UTC moves an hour)', () => {
    // Denver leaves daylight time on 2026-11-01.
    const times = nextSendTimes(denver, new Date('2026-10-20T00:00:00Z'), 3)
    expect(iso(times)).toEqual(['2026-10-22T14:00:00.000Z', '2026-11-05T15:00:00.000Z', '2026-11-19T15:00:00.000Z'])
  })

  it('keeps 08:00 local across the spring change too, in another zone', () => {
    const berlin: Schedule = { cadence: 'biweekly', weekday: 'monday', sendTime: '07:30', timezone: 'Europe/Berlin' }
    // Berlin enters summer time on 2027-03-28.
    const times = nextSendTimes(berlin, new Date('2027-03-10T00:00:00Z'), 3)
    expect(
      times.map((t) =>
        t.toLocaleString('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit' }),
      ),
    ).toEqual(['Mon 07:30', 'Mon 07:30', 'Mon 07:30'])
    expect(iso(times)).toEqual(['2027-03-22T06:30:00.000Z', '2027-04-05T05:30:00.000Z', '2027-04-19T05:30:00.000Z'])
  })

  it('names each period by its send date, the same for every moment in it, and knows the send hour', () => {
    expect(periodAt(denver, new Date('2026-11-19T15:00:00Z'))).toEqual({ key: '2026-11-19', isSendTime: true })
    expect(periodAt(denver, new Date('2026-11-19T15:20:00Z'))).toEqual({ key: '2026-11-19', isSendTime: true })
    expect(periodAt(denver, new Date('2026-11-26T15:00:00Z'))).toEqual({ key: '2026-11-19', isSendTime: false })
    expect(periodAt(denver, new Date('2026-12-03T15:00:00Z'))).toEqual({ key: '2026-12-03', isSendTime: true })
  })

  it('fires a weekly cron in the zone (BullMQ has no "every other week")', () => {
    expect(weeklyCron(denver)).toEqual({ pattern: '0 8 * * 4', tz: 'America/Denver' })
    expect(weeklyCron({ ...denver, weekday: 'sunday', sendTime: '18:45' })).toEqual({
      pattern: '45 18 * * 0',
      tz: 'America/Denver',
    })
  })

  it('a weekly newsletter sends every week; a monthly one on the first chosen weekday of each month', () => {
    const weekly = nextSendTimes({ ...denver, cadence: 'weekly' }, new Date('2026-06-01T00:00:00Z'), 3)
    expect(iso(weekly)).toEqual(['2026-06-04T14:00:00.000Z', '2026-06-11T14:00:00.000Z', '2026-06-18T14:00:00.000Z'])
    const monthly = nextSendTimes({ ...denver, cadence: 'monthly' }, new Date('2026-06-05T00:00:00Z'), 3)
    expect(iso(monthly)).toEqual(['2026-07-02T14:00:00.000Z', '2026-08-06T14:00:00.000Z', '2026-09-03T14:00:00.000Z'])
    // December 2026 starts on a Tuesday: its first Thursday is the 3rd; the week after is no edition week.
    expect(periodAt({ ...denver, cadence: 'monthly' }, new Date('2026-12-03T15:10:00Z'))).toEqual({
      key: '2026-12-03',
      isSendTime: true,
    })
    expect(periodAt({ ...denver, cadence: 'monthly' }, new Date('2026-12-10T15:00:00Z'))).toEqual({
      key: '2026-12-03',
      isSendTime: false,
    })
  })

  it('a manual newsletter has no send times and no periods', () => {
    expect(nextSendTimes({ ...denver, cadence: 'manual' }, new Date('2026-06-01T00:00:00Z'), 3)).toEqual([])
    expect(periodAt({ ...denver, cadence: 'manual' }, new Date('2026-12-03T15:00:00Z'))).toBeNull()
  })
})
