import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { editionProgress } from '@/src/services/digest/editorTools'
import { startSending } from '@/src/services/digest/send'
import {
  createReaders,
  prepareEdition,
  startDigestRig,
  waitForStatus,
  type DigestRig,
  type Readers,
} from '../helpers/digest'
import { waitFor } from '../helpers/waitFor'

/**
 * A warm-up plan (WARMUP_PLAN=30,1000) under the real worker: an edition to 50 readers sends
 * 30 on day 1 and waits, saying when it continues and how many are left; when the day moves
 * (day 1 recorded as yesterday), the rest goes by itself, and every reader has it once.
 */

/** The worker's plan, and this process's too: the edition's progress (as the web app shows it) reads it. */
const PLAN = '30,1000'
process.env.WARMUP_PLAN = PLAN

let rig: DigestRig
let readers: Readers

beforeAll(async () => {
  rig = await startDigestRig({
    workerEnv: { WARMUP_PLAN: PLAN, DIGEST_BATCH_SIZE: '20' },
    prepare: async ({ payload }) => void (readers = await createReaders(payload, { active: 50 })),
  })
}, 180_000)

afterAll(() => rig?.close())

describe('an edition larger than today’s warm-up allowance', () => {
  it(
    'sends the allowance, says it continues tomorrow, and finishes on the next day with every reader mailed once',
    { timeout: 120_000 },
    async () => {
      const edition = await prepareEdition(rig.local.payload)
      const { timezone } = await rig.local.payload.findGlobal({ slug: 'settings', depth: 0 })
      await startSending(rig.local.payload, edition.id, rig.queues.jobs)

      await waitFor(() => rig.sink.accepted.length >= 30, 'day 1’s allowance to go out', 60_000, 20)
      // Several reconciler rounds (every second here) hand the held batches back; nothing more goes today.
      await new Promise((resolve) => setTimeout(resolve, 4_000))
      expect(rig.sink.accepted.length).toBe(30)
      const today = DateTime.now().setZone(timezone).startOf('day')
      expect((await rig.local.payload.findGlobal({ slug: 'settings', depth: 0 })).warmupStartedOn).toBe(
        today.toISODate(),
      )
      const waiting = await editionProgress(rig.local.payload, edition.id)
      expect(waiting).toMatchObject({
        status: 'sending',
        sent: 30,
        continues: { left: 20, allowance: 30, dayNumber: 1, at: today.plus({ days: 1 }).toUTC().toISO() },
      })

      // The next day: day 1 was yesterday, so today's allowance is 1,000.
      await rig.local.payload.updateGlobal({
        slug: 'settings',
        data: { warmupStartedOn: today.minus({ days: 1 }).toISODate() },
      })
      const sent = await waitForStatus(rig.local.payload, edition.id, 'sent', 60_000)
      expect(sent.stats).toMatchObject({ recipients: 50, sent: 50, failed: 0 })
      const counts = rig.sink.countsByRecipient()
      expect([...counts.keys()].sort()).toEqual([...readers.active].sort())
      expect([...counts.values()].every((count) => count === 1)).toBe(true)
      expect((await editionProgress(rig.local.payload, edition.id)).continues).toBeNull()
    },
  )
})
