import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { insertDocuments } from '@/src/database'
import { onMongoDB } from '../helpers/database'
import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * The import's bulk write, on the real adapter: documents written many at a time read back
 * through Payload exactly as given, a field it cannot write is refused loudly, and (on
 * SQLite, one statement per few hundred rows) a unique clash adds none of its rows.
 */

let local: TestPayload

beforeAll(async () => {
  local = await startPayload()
})

afterAll(async () => {
  await local?.close()
})

const now = '2026-12-02T08:00:00.000Z'
const reader = (i: number) => ({
  email: `bulk-${String(i).padStart(5, '0')}@list.test`,
  firstName: `Reader ${i}`,
  status: i % 3 === 0 ? 'pending' : 'active',
  confirmedAt: i % 3 === 0 ? undefined : '2025-03-01T10:05:00.000Z',
  consent: {
    givenAt: '2025-03-01T10:00:00.000Z',
    source: 'import: old tool',
    wording: 'Send me Mindful Moments',
    wordingVersion: 'imported',
  },
  importId: '7',
  importRow: i,
  bounceCount: 0,
  createdAt: now,
  updatedAt: now,
})

const readBack = async (email: { like: string } | { equals: string }) =>
  (
    await local.payload.find({
      collection: 'subscribers',
      where: { email },
      sort: 'email',
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
  ).docs

describe('insertDocuments', () => {
  it('writes thousands of readers (more than one statement) that read back as given', async () => {
    const readers = Array.from({ length: 4_000 }, (_, i) => reader(i))
    await insertDocuments(local.payload, 'subscribers', readers, {})
    const docs = await readBack({ like: 'bulk-' })
    expect(docs).toHaveLength(4_000)
    for (const i of [0, 1, 1_999, 3_999]) {
      const { confirmedAt, ...given } = reader(i)
      expect(docs[i]).toMatchObject(given)
      // A date not given reads back as null on SQLite, absent on MongoDB.
      expect(docs[i]?.confirmedAt ?? undefined).toBe(confirmedAt)
      expect(typeof docs[i]?.id).toBe(onMongoDB() ? 'string' : 'number')
    }
    expect(new Set(docs.map((doc) => doc.id)).size).toBe(4_000)
  })

  it('writes a Date as Payload does', async () => {
    await insertDocuments(
      local.payload,
      'subscribers',
      [{ ...reader(30_000), lastBounceAt: new Date('2026-01-02T03:04:05Z') }],
      {},
    )
    const [doc] = await readBack({ equals: 'bulk-30000@list.test' })
    expect(doc?.lastBounceAt).toBe('2026-01-02T03:04:05.000Z')
  })

  it.skipIf(onMongoDB())('refuses a field it has no column for, writing nothing', async () => {
    const stray = { ...reader(10_000), email: 'stray@list.test', emailEvents: [{ id: 1 }] }
    await expect(insertDocuments(local.payload, 'subscribers', [reader(10_001), stray], {})).rejects.toThrow(
      /"emailEvents"/,
    )
    expect(await readBack({ equals: 'bulk-10001@list.test' })).toHaveLength(0)
  })

  it.skipIf(onMongoDB())('adds none of a statement’s rows when one address is already held', async () => {
    const batch = [reader(20_000), reader(20_001), reader(5), reader(20_002)]
    await expect(insertDocuments(local.payload, 'subscribers', batch, {})).rejects.toThrow()
    expect(await readBack({ like: 'bulk-2000' })).toHaveLength(0)
  })

  it('writes hasMany relationships and array rows with each document, in its order', async () => {
    const { payload } = local
    const moments = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'mindful-moments' } } }))
      .docs[0].id
    const letters = (
      await payload.create({
        collection: 'newsletters',
        data: { name: 'Love Letters', slug: 'love-letters', cadence: 'manual', weekday: 'monday', sendTime: '08:00' },
      })
    ).id
    const topic = (await payload.create({ collection: 'categories', data: { name: 'Trust' } })).id
    const consent = (newsletter: number | string, n: number) => ({
      id: `${n}`.padStart(24, '0'),
      newsletter,
      givenAt: '2025-03-01T10:00:00.000Z',
      source: 'import: old tool',
    })
    const documents = Array.from({ length: 1_500 }, (_, i) => ({
      ...reader(40_000 + i),
      newsletters: i % 2 ? [moments, letters] : [letters],
      topics: i % 3 ? [] : [topic],
      newsletterConsents: i % 2 ? [consent(moments, 1), consent(letters, 2)] : [consent(letters, 1)],
    }))
    await insertDocuments(payload, 'subscribers', documents, {})
    const docs = await readBack({ like: 'bulk-4' })
    expect(docs).toHaveLength(1_500)
    for (const i of [0, 1, 2, 3, 700, 1_499]) {
      expect(docs[i].newsletters, `reader ${i}`).toEqual(i % 2 ? [moments, letters] : [letters])
      expect(docs[i].topics, `reader ${i}`).toEqual(i % 3 ? [] : [topic])
      expect(
        docs[i].newsletterConsents?.map((row) => [row.newsletter, row.source]),
        `reader ${i}`,
      ).toEqual((i % 2 ? [moments, letters] : [letters]).map((id) => [id, 'import: old tool']))
    }
  })
})
