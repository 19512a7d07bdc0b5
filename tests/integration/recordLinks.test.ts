import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SubscriptionLinkError, unsubscribe } from '@/src/services/newsletter/subscriptions'
import { unsubscribeToken } from '@/src/services/newsletter/links'
import { createToken } from '@/src/services/platform/tokens'
import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * A link acts only on the record it was made for: ids are never given out twice, and each
 * record's links carry its own random key, so an erased reader's old link finds nobody.
 */

let local: TestPayload

beforeAll(async () => {
  local = await startPayload()
})

afterAll(async () => {
  await local?.close()
})

const reader = (email: string) =>
  local.payload.create({
    collection: 'subscribers',
    data: { email, status: 'active', confirmedAt: new Date().toISOString() },
    overrideAccess: true,
    depth: 0,
  })

describe('an erased reader’s old link', () => {
  it('acts on nobody: the next reader gets a new id and a key of their own', async () => {
    const first = await reader('first@readers.test')
    const oldLink = unsubscribeToken(first)
    await local.payload.delete({ collection: 'subscribers', id: first.id, overrideAccess: true })
    const next = await reader('next@readers.test')
    expect(next.id).not.toBe(first.id)
    expect(next.linkKey).toMatch(/^[\w-]{16}$/)
    expect(next.linkKey).not.toBe(first.linkKey)

    await expect(unsubscribe(local.payload, oldLink)).rejects.toThrow(SubscriptionLinkError)
    // Even a link naming the new reader's id with the erased reader's key, or with no key at all, does nothing.
    for (const forged of [
      createToken('unsubscribe', `${next.id}~${first.linkKey}`),
      createToken('unsubscribe', next.id),
    ]) {
      await expect(unsubscribe(local.payload, forged)).rejects.toThrow('This subscription no longer exists.')
    }
    const still = await local.payload.findByID({
      collection: 'subscribers',
      id: next.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(still.status).toBe('active')
    // Their own link works.
    expect((await unsubscribe(local.payload, unsubscribeToken(next))).status).toBe('unsubscribed')
  })

  it('cannot be given a key through the API: every record gets a fresh one, and nobody reads it', async () => {
    const admin = await local.payload.create({
      collection: 'users',
      data: { email: 'keys@mindful.test', password: 'admin-password-1', role: 'admin', name: 'Kay' } as never,
    })
    const made = await local.payload.create({
      collection: 'subscribers',
      data: { email: 'chosen@readers.test', status: 'active', linkKey: 'chosen-by-caller' } as never,
      user: admin,
      overrideAccess: false,
      depth: 0,
    })
    expect(made.linkKey).toBeUndefined()
    const stored = await local.payload.findByID({
      collection: 'subscribers',
      id: made.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(stored.linkKey).toMatch(/^[\w-]{16}$/)
    await local.payload.update({
      collection: 'subscribers',
      id: made.id,
      data: { linkKey: 'chosen-by-caller' } as never,
      user: admin,
      overrideAccess: false,
    })
    expect(
      (await local.payload.findByID({ collection: 'subscribers', id: made.id, depth: 0, overrideAccess: true }))
        .linkKey,
    ).toBe(stored.linkKey)
  })
})
