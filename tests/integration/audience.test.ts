import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { audienceShape } from '@/src/services/insights/audience'
import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * The shape of the audience editors see: counts from the records at the moment of asking,
 * each reader once per figure, small numbers blurred like every insight.
 */

let local: TestPayload
let moments: number
let letters: number

beforeAll(async () => {
  local = await startPayload()
  const { payload } = local
  moments = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'mindful-moments' } } })).docs[0]
    .id
  letters = (
    await payload.create({
      collection: 'newsletters',
      data: { name: 'Love Letters', slug: 'love-letters', cadence: 'manual', weekday: 'monday', sendTime: '08:00' },
    })
  ).id
  const topic = new Map<string, number>()
  for (const name of ['Dating', 'Trust', 'Healing', 'Self-care'])
    topic.set(name, (await payload.create({ collection: 'categories', data: { name }, depth: 0 })).id)
  const groups: Array<{
    count: number
    topics?: string[]
    status?: 'active' | 'pending'
    paused?: boolean
    alsoLetters?: boolean
  }> = [
    { count: 8, topics: ['Dating'], alsoLetters: true },
    { count: 6, topics: ['Dating', 'Trust'] },
    { count: 5 },
    { count: 5, paused: true },
    { count: 2, topics: ['Healing'] },
    { count: 3, status: 'pending' },
  ]
  let n = 0
  for (const group of groups)
    for (let i = 0; i < group.count; i++)
      await payload.create({
        collection: 'subscribers',
        data: {
          email: `reader-${n++}@readers.test`,
          status: group.status ?? 'active',
          topics: (group.topics ?? []).map((name) => topic.get(name)!),
          pausedUntil: group.paused ? new Date(Date.now() + 14 * 86_400_000).toISOString() : null,
          newsletters: group.alsoLetters ? [moments, letters] : [moments],
        },
        overrideAccess: true,
        depth: 0,
      })
}, 120_000)

afterAll(async () => {
  await local?.close()
})

describe('the shape of the audience', () => {
  it('counts readers receiving, pausing and pending, and each topic’s readers, most chosen first', async () => {
    expect(await audienceShape(local.payload, moments)).toEqual({
      active: 21,
      paused: 5,
      pending: '<5',
      // 26 active readers, 16 of them with a topic: a reader with two topics is one reader here.
      everything: 10,
      topics: [
        { slug: 'dating', name: 'Dating', readers: 14 },
        { slug: 'trust', name: 'Trust', readers: 6 },
        { slug: 'healing', name: 'Healing', readers: '<5' },
        { slug: 'self-care', name: 'Self-care', readers: '<5' },
      ],
    })
  })

  it('lets a paused reader count as receiving again once the pause is over', async () => {
    const later = new Date(Date.now() + 15 * 86_400_000)
    expect(await audienceShape(local.payload, moments, later)).toMatchObject({ active: 26, paused: '<5' })
  })

  it('counts each newsletter’s own readers alone', async () => {
    expect(await audienceShape(local.payload, letters)).toEqual({
      active: 8,
      paused: '<5',
      pending: '<5',
      everything: '<5',
      topics: [
        { slug: 'dating', name: 'Dating', readers: 8 },
        { slug: 'healing', name: 'Healing', readers: '<5' },
        { slug: 'self-care', name: 'Self-care', readers: '<5' },
        { slug: 'trust', name: 'Trust', readers: '<5' },
      ],
    })
  })
})
