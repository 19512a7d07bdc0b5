import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, apiJson, createActiveReader, loginAs, startApp, type RunningApp } from '../helpers/app'
import { runChecked } from '../helpers/launch'
import { startS3Server, type S3Server } from '../helpers/s3Server'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'

/**
 * Media any host can see: with S3_BUCKET set, uploads go to an S3-compatible bucket (s3rver on
 * loopback, path-style as MinIO), and readers still get every picture from our own origin, on
 * the article page and in the digest. `npm run media:to-bucket` moves an existing local library.
 */

let s3: S3Server
let sink: SmtpSink
let app: RunningApp
let admin: { authorization: string }

beforeAll(async () => {
  ;[s3, sink] = await Promise.all([startS3Server(), startSmtpSink()])
  app = await startApp({ ...s3.env, SMTP_URL: sink.url }, { worker: true })
  admin = await loginAs(app, ADMIN)
})
afterAll(async () => {
  await app?.stop()
  await Promise.all([s3?.close(), sink?.close()])
})

const api = <T>(method: string, apiPath: string, body?: unknown) => apiJson<T>(app, admin, method, apiPath, body)

const localMedia = (dataDir: string) => {
  const folder = path.join(dataDir, 'media')
  return existsSync(folder) ? readdirSync(folder) : []
}

describe('media in an S3-compatible bucket', () => {
  it('keeps the seed picture and all its sizes in the bucket, none on local disk', async () => {
    const { docs } = await api<{
      docs: Array<{ filename: string; sizes: Record<string, { filename: string | null }> }>
    }>('GET', '/media?depth=0')
    const files = docs.flatMap((doc) => [
      doc.filename,
      ...Object.values(doc.sizes).flatMap((size) => (size.filename ? [size.filename] : [])),
    ])
    expect(files).toContain('regain-lost-trust.jpg')
    expect(files.length).toBeGreaterThan(1)
    expect(await s3.keys()).toEqual([...new Set(files)].sort())
    expect(localMedia(app.dataDir)).toEqual([])
  })

  it(
    'serves an uploaded picture from our origin on the article page and in the digest',
    { timeout: 90_000 },
    async () => {
      const original = await sharp({
        create: { width: 1800, height: 1000, channels: 3, background: { r: 196, g: 120, b: 92 } },
      })
        .jpeg()
        .toBuffer()
      const form = new FormData()
      form.append('file', new Blob([original], { type: 'image/jpeg' }), 'shared-dawn.jpg')
      form.append('_payload', JSON.stringify({ alt: 'Dawn over a shared kitchen table' }))
      const upload = await fetch(`${app.url}/api/media`, { method: 'POST', headers: admin, body: form })
      expect(upload.status, await upload.clone().text()).toBe(201)
      const picture = (
        (await upload.json()) as {
          doc: { id: number; filename: string; sizes: Record<string, { filename: string | null }> }
        }
      ).doc
      const stored = await s3.keys()
      expect(stored).toContain(picture.filename)
      const sizes = Object.values(picture.sizes).flatMap((size) => (size.filename ? [size.filename] : []))
      expect(sizes.length).toBeGreaterThanOrEqual(3)
      for (const size of sizes) expect(stored).toContain(size)
      expect(localMedia(app.dataDir)).toEqual([])

      const { docs: authors } = await api<{ docs: Array<{ id: number }> }>('GET', '/authors?limit=1&depth=0')
      const { docs: categories } = await api<{ docs: Array<{ id: number }> }>('GET', '/categories?limit=1&depth=0')
      const { doc: article } = await api<{ doc: { id: number; slug: string } }>('POST', '/articles', {
        title: 'Breakfast at Dawn',
        dek: 'Small mornings, shared.',
        authors: [authors[0].id],
        category: categories[0].id,
        heroImage: picture.id,
        _status: 'published',
      })

      // The article page: its <picture> names our origin, and what it names is the bucket's file.
      const page = await (await fetch(`${app.url}/articles/${article.slug}`)).text()
      const hero = page.match(/<figure class="hero"><img [^>]*src="([^"]+)"/)?.[1]
      expect(hero).toBeTruthy()
      const heroUrl = new URL(hero!.replaceAll('&amp;', '&'), app.url)
      expect(heroUrl.origin).toBe(app.url)
      expect(heroUrl.pathname).toMatch(/^\/api\/media\/file\//)
      const served = await fetch(heroUrl)
      expect(served.status).toBe(200)
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const servedBytes = Buffer.from(await served.arrayBuffer())
      expect(servedBytes.equals(await s3.object(decodeURIComponent(heroUrl.pathname.split('/').pop()!)))).toBe(true)

      // The digest: its picture is an absolute URL on our origin that serves the same file.
      await createActiveReader(app, admin, 'dawn@readers.test')
      const { doc: edition } = await api<{ doc: { id: number } }>('POST', '/editions', {
        subject: 'Mindful Moments #1: Breakfast at Dawn',
        articles: [article.id],
      })
      await api('POST', `/editions/${edition.id}/send`)
      await expect
        .poll(async () => (await api<{ status: string }>('GET', `/editions/${edition.id}?depth=0`)).status, {
          timeout: 60_000,
          interval: 250,
        })
        .toBe('sent')
      const digest = sink.messages.find((message) => message.envelopeTo.includes('dawn@readers.test'))
      expect(digest).toBeTruthy()
      const html = String(digest!.parsed.html)
      const pictures = [...html.matchAll(/<img\s[^>]*src="([^"]+)"/g)].map((match) => match[1].replaceAll('&amp;', '&'))
      const inEmail = pictures.filter((src) => src.includes('shared-dawn'))
      expect(inEmail.length, pictures.join('\n')).toBeGreaterThan(0)
      for (const src of inEmail) {
        expect(src.startsWith(`${app.url}/api/media/file/`), src).toBe(true)
        const image = await fetch(src)
        expect(image.status, src).toBe(200)
        expect(image.headers.get('content-type')).toBe('image/jpeg')
      }
    },
  )
})

describe('where a picture lands in the bucket', () => {
  it('is the system’s choice: a prefix sent through the API is ignored, on upload and on update', async () => {
    const original = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#7a9e9f' } })
      .png()
      .toBuffer()
    const form = new FormData()
    form.append('file', new Blob([original], { type: 'image/png' }), 'planted.png')
    form.append('_payload', JSON.stringify({ alt: 'A planted prefix', prefix: 'elsewhere/../other-bucket-path' }))
    const upload = await fetch(`${app.url}/api/media`, { method: 'POST', headers: admin, body: form })
    expect(upload.status, await upload.clone().text()).toBe(201)
    const { doc } = (await upload.json()) as { doc: { id: number; filename: string; prefix?: string | null } }
    expect(doc.prefix ?? '').toBe('')
    const keys = await s3.keys()
    expect(keys).toContain(doc.filename)
    expect(keys.some((key) => key.includes('elsewhere') || key.includes('other-bucket-path'))).toBe(false)

    const changed = await fetch(`${app.url}/api/media/${doc.id}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: 'elsewhere' }),
    })
    expect(changed.status).toBe(200)
    expect(((await changed.json()) as { doc: { prefix?: string | null } }).doc.prefix ?? '').toBe('')
  })
})

describe('npm run media:to-bucket', () => {
  it(
    'copies a local library into the bucket, every size, and a second run copies nothing',
    { timeout: 120_000 },
    async () => {
      const local = await startApp()
      const target = await startS3Server('moved-media')
      try {
        const onDisk = localMedia(local.dataDir)
        expect(onDisk.length).toBeGreaterThan(0)
        const command = ['src/launch.mjs', 'src/mediaToBucket.ts']
        const first = await runChecked(process.execPath, command, { ...local.env, ...target.env })
        expect(first).toContain(`${onDisk.length} copied, 0 already there, 0 missing locally`)
        expect(await target.keys()).toEqual([...onDisk].sort())
        const second = await runChecked(process.execPath, command, { ...local.env, ...target.env })
        expect(second).toContain(`0 copied, ${onDisk.length} already there`)
      } finally {
        await local.stop()
        await target.close()
      }
    },
  )
})
