import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * Erasing a reader leaves nothing that names them, on every database: SQLite's foreign keys
 * would clear some references by themselves, MongoDB's documents would not, so the erasure
 * clears them itself (this file runs in the MongoDB job too).
 */

let local: TestPayload

beforeAll(async () => {
  local = await startPayload()
})

afterAll(async () => {
  await local?.close()
})

describe('erasing a reader', () => {
  it('keeps the provider’s bounce counted, without the reader', async () => {
    const { payload } = local
    const reader = await payload.create({
      collection: 'subscribers',
      data: { email: 'bounced.then.erased@example.org', status: 'active', confirmedAt: new Date().toISOString() },
      overrideAccess: true,
      depth: 0,
    })
    const event = await payload.create({
      collection: 'email-events',
      data: {
        provider: 'postmark',
        type: 'hard-bounce',
        eventKey: `erasure-test-${reader.id}`,
        occurredAt: new Date().toISOString(),
        subscriber: reader.id,
        effect: 'counted',
      },
      overrideAccess: true,
      depth: 0,
    })
    await payload.delete({ collection: 'subscribers', id: reader.id, overrideAccess: true })

    const kept = await payload.findByID({ collection: 'email-events', id: event.id, depth: 0, overrideAccess: true })
    expect(kept.type).toBe('hard-bounce')
    expect(kept.subscriber ?? null).toBeNull()
    const naming = await payload.find({
      collection: 'email-events',
      where: { subscriber: { equals: reader.id } },
      depth: 0,
      overrideAccess: true,
    })
    expect(naming.totalDocs).toBe(0)
  })
})
