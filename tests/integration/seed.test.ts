import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Media } from '@/src/payload-types'

import { seedDemoContent } from '@/src/seed/seedDemoContent'
import { plainTextOf } from '@/src/services/editorial/articleEditor'
import { startPayload, TEST_SECRET, type TestPayload } from '../helpers/payload'

const admin = { email: 'admin@mindful.test', password: 'admin-password-1' }
let test: TestPayload

beforeAll(async () => {
  test = await startPayload()
})
afterAll(() => test?.close())

describe('the demo content', () => {
  it('is loaded from the seed page on the first run', async () => {
    const report = await seedDemoContent(test.payload, admin)
    expect(report.created).toEqual([
      'users/admin',
      'categories/dating-and-relationships',
      'categories/guest-contributor',
      'authors/alinn-smith',
      'authors/guest-contributor',
      'articles/how-to-regain-a-partners-lost-trust',
      'media/regain-lost-trust.jpg',
      'settings/sign-up wording',
    ])
  })

  it('holds the article, published, with its category, authors, pull quotes and headings', async () => {
    const { docs } = await test.payload.find({
      collection: 'articles',
      where: { slug: { equals: 'how-to-regain-a-partners-lost-trust' } },
      depth: 1,
    })
    expect(docs).toHaveLength(1)
    const article = docs[0]
    expect(article._status).toBe('published')
    expect(article.publishedAt).toBeTruthy()
    expect(article.title).toBe('How to Regain a Partner’s Lost Trust')
    expect(typeof article.category === 'object' && article.category?.name).toBe('Dating & Relationships')
    expect(article.authors.map((a) => (typeof a === 'object' ? a.name : a))).toEqual([
      'Alinn Smith',
      'Guest Contributor',
    ])
    expect(article.excerpt).toBe(article.dek)
    expect(article.readingTime).toBeGreaterThanOrEqual(4)
    // The hero picture, drawn for the repository, stored as a JPEG with its alt text and sizes.
    const hero = article.heroImage as Media
    expect(hero).toMatchObject({ mimeType: 'image/jpeg', width: 1600, height: 900 })
    expect(hero.alt).toMatch(/circles of light/)
    expect(hero.sizes?.card).toMatchObject({ width: 640, height: 360 })
    const nodes = (
      article.body as {
        root: { children: Array<{ type: string; tag?: string; fields?: { blockType: string; attribution: string } }> }
      }
    ).root.children
    expect(nodes.filter((n) => n.type === 'heading' && n.tag === 'h2')).toHaveLength(7)
    expect(nodes.filter((n) => n.type === 'block').map((n) => n.fields?.attribution)).toEqual(['George MacDonald', ''])
    expect(plainTextOf(article.body)).toContain('Renewing trust is not just a decision')
  })

  it('gives Alinn Smith her role line and bio, and makes her a guest', async () => {
    const { docs } = await test.payload.find({ collection: 'authors', where: { slug: { equals: 'alinn-smith' } } })
    expect(docs[0]).toMatchObject({ name: 'Alinn Smith', roleLine: 'Dermatologist by profession', isGuest: true })
    expect(docs[0].bio).toMatch(/Health, Skin Care, Food, Love and Relation advice\.$/)
  })

  it('sets up the newsletter settings: Mindful Moments every two weeks, a time zone, a sender, a postal address, the sign-up words', async () => {
    const { docs } = await test.payload.find({
      collection: 'newsletters',
      where: { slug: { equals: 'mindful-moments' } },
    })
    expect(docs[0]).toMatchObject({
      name: 'Mindful Moments',
      cadence: 'biweekly',
      weekday: 'thursday',
      sendTime: '08:00',
    })
    const settings = await test.payload.findGlobal({ slug: 'settings' })
    expect(settings).toMatchObject({
      timezone: 'America/Denver',
      senderName: 'Mindful Moments',
      signupHeadline: 'Join our Mindful Movement!',
      successMessage: 'You have Successfully Subscribed!',
      privacyNote: "We'll never sell or share your information, either.",
    })
    expect(settings.postalAddress).toBeTruthy()
  })

  it('creates the admin who can log in', async () => {
    const result = await test.payload.login({ collection: 'users', data: admin })
    expect(result.user?.role).toBe('admin')
  })

  it('changes nothing on a second run, and keeps what editors changed', async () => {
    const { docs } = await test.payload.find({ collection: 'authors', where: { slug: { equals: 'alinn-smith' } } })
    await test.payload.update({ collection: 'authors', id: docs[0].id, data: { roleLine: 'Writer and dermatologist' } })
    const counts = async () =>
      Promise.all(
        (['users', 'categories', 'authors', 'articles'] as const).map((c) =>
          test.payload.count({ collection: c }).then((r) => r.totalDocs),
        ),
      )
    const before = await counts()
    const report = await seedDemoContent(test.payload, admin)
    expect(report.created).toEqual([])
    expect(await counts()).toEqual(before)
    const after = await test.payload.findByID({ collection: 'authors', id: docs[0].id })
    expect(after.roleLine).toBe('Writer and dermatologist')
  })
})

describe('npm run seed on a fresh production database', () => {
  it('applies the committed migrations first instead of failing with "no such table"', { timeout: 120_000 }, () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-seed-prod-'))
    const run = spawnSync(process.execPath, ['src/launch.mjs', 'src/seed/run.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        PAYLOAD_SECRET: TEST_SECRET,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        LOG_FORMAT: 'json',
      },
    })
    rmSync(dataDir, { recursive: true, force: true })
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain('demo content is in place')
    expect(run.stdout + run.stderr).not.toMatch(/no such table/)
  })
})
