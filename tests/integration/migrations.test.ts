import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import { afterAll, describe, expect, it } from 'vitest'

import { migrations } from '@/src/migrations/sqlite'
import { subscriberFromToken, SubscriptionLinkError, unsubscribe } from '@/src/services/newsletter/subscriptions'
import { unsubscribeToken } from '@/src/services/newsletter/links'
import { createToken } from '@/src/services/platform/tokens'

import { onMongoDB } from '../helpers/database'
import { startPayload, TEST_SECRET, type TestPayload } from '../helpers/payload'

const root = path.resolve(import.meta.dirname, '../..')
const migrationDir = path.join(root, 'src/migrations/sqlite')

describe.skipIf(onMongoDB())('the committed SQLite migrations', () => {
  it(
    'describe exactly the schema the collections define (production builds rely on them)',
    { timeout: 120_000 },
    () => {
      const before = new Set(readdirSync(migrationDir))
      const index = readFileSync(path.join(migrationDir, 'index.ts'), 'utf8')
      const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-drift-'))
      const result = spawnSync(
        process.execPath,
        [
          'src/launch.mjs',
          'node_modules/payload/bin.js',
          'migrate:create',
          'drift-check',
          '--skip-empty',
          '--disable-transpile',
        ],
        {
          cwd: root,
          encoding: 'utf8',
          input: '',
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            NODE_ENV: 'production',
            DATA_DIR: dataDir,
            PAYLOAD_SECRET: TEST_SECRET,
            LOG_FORMAT: 'json',
          },
        },
      )
      rmSync(dataDir, { recursive: true, force: true })
      const added = readdirSync(migrationDir).filter((file) => !before.has(file))
      // Leave the tree as it was; the message tells the developer what to run.
      for (const file of added) rmSync(path.join(migrationDir, file))
      writeFileSync(path.join(migrationDir, 'index.ts'), index)
      expect(result.status, result.stderr).toBe(0)
      expect(added, 'the collections changed: run `npm run migrate:create -- <name>` and commit the migration').toEqual(
        [],
      )
    },
  )
})

let local: TestPayload | undefined
afterAll(() => local?.close())

describe.skipIf(onMongoDB())('the trust upgrade', () => {
  it(
    'keeps links mailed before it working for their own readers, and merges one mailbox’s readers into one',
    { timeout: 60_000 },
    async () => {
      local = await startPayload({ pushSchema: false })
      const { payload } = local
      const at = migrations.findIndex((migration) => migration.name.endsWith('_trust_links'))
      const [before, upgrade] = [migrations.slice(0, at), migrations.slice(at)]
      expect(at).toBeGreaterThan(0)
      await payload.db.migrate({ migrations: before as never })

      const db = (payload.db as unknown as SQLiteAdapter).client
      const now = new Date().toISOString()
      const insert = (email: string, status: string, extra = '') =>
        db.execute({
          sql: `INSERT INTO subscribers (email, status, consent_given_at, consent_source, confirmed_at, bounce_count, updated_at, created_at) VALUES (?, ?, ?, 'website', ?, ?, ?, ?) RETURNING id${extra}`,
          args: [
            email,
            status,
            status === 'pending' ? now : '2026-01-01T00:00:00.000Z',
            status === 'active' ? '2026-01-02T00:00:00.000Z' : null,
            status === 'complained' ? 1 : 0,
            now,
            now,
          ],
        })
      const kept = Number((await insert('Reader@readers.test', 'active')).rows[0].id)
      const twin = Number((await insert('reader@readers.test', 'pending')).rows[0].id)
      const complainedTwin = Number((await insert('Other@readers.test', 'complained')).rows[0].id)
      const activeTwin = Number((await insert('OTHER@readers.test', 'active')).rows[0].id)
      // What the old code mailed: a token naming the id alone.
      const mailedBefore = createToken('unsubscribe', kept)

      await payload.db.migrate({ migrations: upgrade as never })

      const all = await payload.find({
        collection: 'subscribers',
        sort: 'id',
        depth: 0,
        overrideAccess: true,
        pagination: false,
      })
      expect(all.docs.map((doc) => [doc.id, doc.email, doc.status])).toEqual([
        [kept, 'reader@readers.test', 'active'],
        [complainedTwin, 'other@readers.test', 'complained'],
      ])
      expect(all.docs.find((doc) => doc.id === complainedTwin)?.confirmedAt).toBe('2026-01-02T00:00:00.000Z')
      expect([twin, activeTwin]).not.toContain(all.docs[0].id)

      // The link mailed before the upgrade still acts on its own reader.
      expect((await subscriberFromToken(payload, 'unsubscribe', mailedBefore)).id).toBe(kept)
      expect((await unsubscribe(payload, mailedBefore)).status).toBe('unsubscribed')

      // From now on ids are never reused, and new readers' links carry their key.
      await payload.delete({ collection: 'subscribers', id: complainedTwin, overrideAccess: true })
      const next = await payload.create({
        collection: 'subscribers',
        data: { email: 'new@readers.test', status: 'active' },
        overrideAccess: true,
        depth: 0,
      })
      expect(Number(next.id)).toBeGreaterThan(activeTwin)
      await expect(
        subscriberFromToken(payload, 'unsubscribe', createToken('unsubscribe', complainedTwin)),
      ).rejects.toThrow(SubscriptionLinkError)
      await expect(subscriberFromToken(payload, 'unsubscribe', createToken('unsubscribe', next.id))).rejects.toThrow(
        SubscriptionLinkError,
      )
      expect((await subscriberFromToken(payload, 'unsubscribe', unsubscribeToken(next))).id).toBe(next.id)
    },
  )
})
