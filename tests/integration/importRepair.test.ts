import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { insertDocuments } from '@/src/database'
import { importFilePath, runImport } from '@/src/services/newsletter/subscriberImport'
import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * A list import that died between writing a chunk's readers and writing their newsletters
 * (separate statements on SQLite): settled again, the chunk gives those readers their
 * newsletters, topics and consents, and counts them once.
 */

let local: TestPayload

beforeAll(async () => {
  local = await startPayload()
})

afterAll(async () => {
  await local?.close()
})

describe('an import resumed after a crash between its writes', () => {
  it('completes the readers a dead run left without newsletters', async () => {
    const { payload } = local
    const topic = await payload.create({ collection: 'categories', data: { name: 'Trust' } })
    const storedAs = 'repair-test'
    mkdirSync(path.dirname(importFilePath(storedAs)), { recursive: true })
    writeFileSync(
      importFilePath(storedAs),
      [
        'email,firstName,consentGivenAt,consentSource,confirmedAt,topics',
        'left-bare@list.test,,2025-01-01T00:00:00Z,old tool,2025-01-01T00:05:00Z,trust',
        'never-written@list.test,,2025-01-01T00:00:00Z,old tool,2025-01-01T00:05:00Z,',
      ].join('\n'),
    )
    const job = await payload.create({
      collection: 'subscriber-imports',
      data: { storedAs, fileName: 'list.csv', status: 'queued' },
      overrideAccess: true,
    })
    // What the dead run left: the first row's reader, without its newsletters, topics or consents.
    const now = new Date().toISOString()
    await insertDocuments(
      payload,
      'subscribers',
      [
        {
          email: 'left-bare@list.test',
          status: 'active',
          consent: { givenAt: '2025-01-01T00:00:00.000Z', source: 'import: old tool', wordingVersion: 'imported' },
          linkKey: 'k1',
          importId: String(job.id),
          importRow: 1,
          bounceCount: 0,
          createdAt: now,
          updatedAt: now,
        },
      ],
      {},
    )

    expect(await runImport(payload, job.id)).toBe('done')
    const after = await payload.findByID({ collection: 'subscriber-imports', id: job.id, overrideAccess: true })
    expect(after).toMatchObject({ imported: 2, alreadySubscribed: 0 })
    const { docs } = await payload.find({
      collection: 'subscribers',
      sort: 'email',
      depth: 0,
      overrideAccess: true,
    })
    const moments = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'mindful-moments' } } }))
      .docs[0].id
    for (const reader of docs) {
      expect(reader.newsletters, reader.email).toEqual([moments])
      expect(
        reader.newsletterConsents?.map((consent) => consent.newsletter),
        reader.email,
      ).toEqual([moments])
    }
    expect(docs.find((reader) => reader.email === 'left-bare@list.test')?.topics).toEqual([topic.id])
  })
})
