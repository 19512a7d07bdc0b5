import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Subscriber } from '@/src/payload-types'
import { sendEdition, startSending } from '@/src/services/digest/send'
import { pauseSubscription, resumeSubscription } from '@/src/services/newsletter/pause'
import {
  createReaders,
  prepareEdition,
  resetSink,
  startDigestRig,
  waitForStatus,
  type DigestRig,
} from '../helpers/digest'

/**
 * A reader's pause through the real worker process, Redis and an SMTP server on loopback:
 * paused readers get nothing, and the first edition that starts after their pause ends
 * reaches them again by itself (the test moves the clock of the process that starts it).
 */

const BATCH_SIZE = 5
let rig: DigestRig
let active: string[]

beforeAll(async () => {
  rig = await startDigestRig({
    workerEnv: { DIGEST_BATCH_SIZE: String(BATCH_SIZE) },
    prepare: async ({ payload }) => void ({ active } = await createReaders(payload, { active: 12, pending: 2 })),
  })
}, 180_000)

afterAll(() => rig?.close())

async function reader(email: string): Promise<Subscriber> {
  const { docs } = await rig.local.payload.find({
    collection: 'subscribers',
    where: { email: { equals: email } },
    depth: 0,
    overrideAccess: true,
  })
  return docs[0]
}

/** Sends a new edition as if it started at `at` (the clock of the process that starts it). */
async function sendAt(at: Date | undefined) {
  resetSink(rig.sink)
  const edition = await prepareEdition(rig.local.payload)
  if (at) {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(at)
  }
  try {
    await startSending(rig.local.payload, edition.id, rig.queues.jobs)
  } finally {
    vi.useRealTimers()
  }
  return waitForStatus(rig.local.payload, edition.id, 'sent')
}

describe('pausing', () => {
  it(
    'leaves a paused reader out of every edition that starts before the pause ends',
    { timeout: 120_000 },
    async () => {
      const paused = await pauseSubscription(rig.local.payload, await reader(active[3]), 4)
      const weeks = (Date.parse(paused.pausedUntil!) - Date.now()) / (7 * 24 * 3600 * 1000)
      expect(weeks).toBeGreaterThan(3.99)
      expect(weeks).toBeLessThanOrEqual(4)

      const sent = await sendAt(undefined)
      const counts = rig.sink.countsByRecipient()
      expect([...counts.keys()].sort()).toEqual(active.filter((address) => address !== active[3]).sort())
      expect([...counts.values()].every((count) => count === 1)).toBe(true)
      // Not a recipient at all: the fan-out left them out.
      expect(sent.stats).toMatchObject({ recipients: 11, sent: 11, skipped: 0 })

      // A day before the pause ends, still nothing.
      await sendAt(new Date(Date.parse(paused.pausedUntil!) - 24 * 3600 * 1000))
      expect(rig.sink.countsByRecipient().has(active[3])).toBe(false)
    },
  )

  it('reaches the reader with the first edition that starts after the pause ends', { timeout: 120_000 }, async () => {
    const { pausedUntil } = await reader(active[3])
    const sent = await sendAt(new Date(Date.parse(pausedUntil!) + 60_000))
    const counts = rig.sink.countsByRecipient()
    expect(counts.get(active[3])).toBe(1)
    expect(counts.size).toBe(12)
    expect(sent.stats).toMatchObject({ recipients: 12, sent: 12 })
    // Nothing had to be undone: the date simply passed.
    expect((await reader(active[3])).pausedUntil).toBe(pausedUntil)
  })

  it(
    'skips a reader who pauses after the fan-out, as "paused", and sends to them again once resumed',
    { timeout: 120_000 },
    async () => {
      // The first test's reader ends their pause by hand, so everyone but the late one is owed this edition.
      await resumeSubscription(rig.local.payload, await reader(active[3]))
      // The worker stops, so the fan-out below (this process, real queues) stays unsent until it returns.
      await rig.stopWorker()
      resetSink(rig.sink)
      const edition = await prepareEdition(rig.local.payload)
      await startSending(rig.local.payload, edition.id, rig.queues.jobs)
      expect(await sendEdition(rig.local.payload, edition.id, rig.queues.jobs, BATCH_SIZE)).toBe('fanned-out')
      const late = await pauseSubscription(rig.local.payload, await reader(active[7]), 2)
      await rig.restartWorker()
      const sent = await waitForStatus(rig.local.payload, edition.id, 'sent')
      expect(rig.sink.countsByRecipient().has(active[7])).toBe(false)
      expect(sent.stats).toMatchObject({ recipients: 12, sent: 11, skipped: 1 })
      const { docs } = await rig.local.payload.find({
        collection: 'deliveries',
        where: { edition: { equals: edition.id } },
        depth: 0,
        pagination: false,
        overrideAccess: true,
      })
      const outcomes = Object.assign({}, ...docs.map((doc) => doc.outcomes)) as Record<
        string,
        { status: string; error?: string }
      >
      expect(outcomes[String(late.id)]).toMatchObject({ status: 'skipped', error: 'paused' })

      await resumeSubscription(rig.local.payload, late)
      await sendAt(undefined)
      expect(rig.sink.countsByRecipient().get(active[7])).toBe(1)
    },
  )

  it('cannot pause a subscription that receives nothing', async () => {
    const { docs } = await rig.local.payload.find({
      collection: 'subscribers',
      where: { status: { equals: 'pending' } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    await expect(pauseSubscription(rig.local.payload, docs[0], 2)).rejects.toThrow(/waits for your confirmation/)
    expect((await reader(docs[0].email)).pausedUntil ?? null).toBeNull()
  })
})
