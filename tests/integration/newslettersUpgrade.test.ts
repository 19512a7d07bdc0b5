import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import { afterAll, describe, expect, it } from 'vitest'

import { migrations } from '@/src/migrations/sqlite'
import { seedDemoContent } from '@/src/seed/seedDemoContent'
import { sendEdition, startSending } from '@/src/services/digest/send'

import { onMongoDB } from '../helpers/database'
import { createEdition, testQueues } from '../helpers/digest'
import { startPayload, type TestPayload } from '../helpers/payload'

/** A database kept by the migrations, upgraded from one newsletter to several: nothing changes for anyone. */

let local: TestPayload | undefined
afterAll(() => local?.close())

describe.skipIf(onMongoDB())('the newsletters upgrade', () => {
  it(
    'puts every reader and edition in Mindful Moments with the old schedule, and the next send reaches exactly whom it reached before',
    { timeout: 120_000 },
    async () => {
      local = await startPayload({ pushSchema: false })
      const { payload } = local
      const at = migrations.findIndex((migration) => migration.name.endsWith('_newsletters'))
      const [before, upgrade] = [migrations.slice(0, at), migrations.slice(at)]
      expect(at).toBeGreaterThan(0)
      await payload.db.migrate({ migrations: before as never })

      // A list as the single-newsletter code left it: its schedule in Settings, readers in every state, a sent edition.
      const db = (payload.db as unknown as SQLiteAdapter).client
      const now = new Date().toISOString()
      await db.execute({
        sql: `INSERT INTO settings (cadence_days, weekday, send_time, timezone, send_rate_per_second, bounce_limit, sender_name, postal_address, updated_at, created_at) VALUES (7, 'monday', '07:30', 'Europe/Berlin', 10000, 3, 'Mindful Moments', 'Somewhere 1', ?, ?)`,
        args: [now, now],
      })
      const reader = async (email: string, status: string) =>
        Number(
          (
            await db.execute({
              sql: `INSERT INTO subscribers (email, status, consent_given_at, consent_source, consent_wording, consent_wording_version, link_key, bounce_count, updated_at, created_at) VALUES (?, ?, '2026-01-01T00:00:00.000Z', 'website', 'Yes, send me Mindful Moments.', '3', ?, 0, ?, ?) RETURNING id`,
              args: [email, status, `key-${email}`, now, now],
            })
          ).rows[0].id,
        )
      const active = [await reader('one@readers.test', 'active'), await reader('two@readers.test', 'active')]
      await reader('pending@readers.test', 'pending')
      await reader('gone@readers.test', 'unsubscribed')
      await db.execute({
        sql: `INSERT INTO editions (number, period_key, subject, status, updated_at, created_at) VALUES (1, '2026-11-19', 'Mindful Moments #1: Before', 'sent', ?, ?)`,
        args: [now, now],
      })

      await payload.db.migrate({ migrations: upgrade as never })

      const { docs: newsletters } = await payload.find({ collection: 'newsletters', overrideAccess: true })
      expect(newsletters).toHaveLength(1)
      const [mindfulMoments] = newsletters
      expect(mindfulMoments).toMatchObject({
        slug: 'mindful-moments',
        name: 'Mindful Moments',
        cadence: 'weekly',
        weekday: 'monday',
        sendTime: '07:30',
        defaultForNewReaders: true,
        public: true,
      })
      const { docs: readers } = await payload.find({
        collection: 'subscribers',
        sort: 'id',
        pagination: false,
        depth: 0,
        overrideAccess: true,
      })
      for (const each of readers) {
        expect(each.newsletters).toEqual([mindfulMoments.id])
        expect(each.newsletterConsents).toEqual([
          expect.objectContaining({
            newsletter: mindfulMoments.id,
            givenAt: '2026-01-01T00:00:00.000Z',
            source: 'website',
            wording: 'Yes, send me Mindful Moments.',
            wordingVersion: '3',
          }),
        ])
      }
      const { docs: editions } = await payload.find({ collection: 'editions', depth: 0, overrideAccess: true })
      expect(editions[0]).toMatchObject({ newsletter: mindfulMoments.id, periodKey: 'mindful-moments/2026-11-19' })

      // The next edition fans out to exactly the two active readers, through the real queues.
      await seedDemoContent(payload)
      const { docs: articles } = await payload.find({ collection: 'articles', limit: 1, depth: 0 })
      const edition = await createEdition(payload, { subject: 'After the upgrade', articles: [articles[0].id] })
      expect(edition.newsletter).toBe(mindfulMoments.id)
      const queues = testQueues()
      try {
        await startSending(payload, edition.id, queues.jobs)
        expect(await sendEdition(payload, edition.id, queues.jobs, 100)).toBe('fanned-out')
      } finally {
        await queues.close()
      }
      const { docs: batches } = await payload.find({
        collection: 'deliveries',
        where: { edition: { equals: edition.id } },
        depth: 0,
        overrideAccess: true,
      })
      expect(batches.flatMap((batch) => batch.subscribers)).toEqual(active)
    },
  )
})
