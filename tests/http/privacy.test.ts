import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, loginAs, signInEditor, startApp, type RunningApp } from '../helpers/app'
import { startPayload, type TestPayload } from '../helpers/payload'

/** An admin's privacy tools: export one reader, erase one reader. (Importing lists: import.test.ts.) */

let app: RunningApp
let local: TestPayload
let admin: Record<string, string>
let editor: Record<string, string>

const api = (path: string, init: RequestInit = {}, as: Record<string, string> = admin) =>
  fetch(`${app.url}/api/${path}`, { ...init, headers: { ...as, ...(init.headers as Record<string, string>) } })

async function createSubscriber(email: string, status = 'active'): Promise<number | string> {
  const response = await api('subscribers', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email,
      status,
      consent: { givenAt: '2026-01-02T03:04:05.000Z', source: 'website', wording: 'Yes please', wordingVersion: '1' },
    }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { doc: { id: number } }).doc.id
}

async function addDelivery(subscriber: number | string) {
  const edition = await local.payload.create({
    collection: 'editions',
    data: { number: Math.floor(Math.random() * 1e6), subject: 'Mindful Moments', status: 'sent' },
  })
  const outcomes = { [subscriber]: { status: 'sent', attempts: 1, at: new Date().toISOString() } }
  await local.payload.create({
    collection: 'deliveries',
    data: { edition: edition.id, batch: 0, subscribers: [subscriber as number], size: 1, status: 'done', outcomes },
  })
}

beforeAll(async () => {
  app = await startApp()
  local = await startPayload({ databaseUrl: app.databaseUrl, pushSchema: false })
  admin = await loginAs(app, ADMIN)
  editor = await signInEditor(app)
})
afterAll(async () => {
  await local?.close()
  await app?.stop()
})

describe('exporting one reader’s data', () => {
  it('gives an admin everything held about them as a JSON download', async () => {
    const id = await createSubscriber('export.me@example.org')
    await addDelivery(id)
    const response = await api(`subscribers/${id}/export`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="subscriber-${id}.json"`)
    const data = (await response.json()) as {
      subscriber: Record<string, unknown>
      deliveries: Array<{ status: string }>
    }
    expect(data.subscriber).toMatchObject({
      email: 'export.me@example.org',
      status: 'active',
      consent: { source: 'website', wording: 'Yes please' },
    })
    expect(data.deliveries).toEqual([expect.objectContaining({ status: 'sent' })])
  })

  it('is refused to editors and anonymous visitors, and says so for an unknown id', async () => {
    const id = await createSubscriber('private@example.org')
    expect((await api(`subscribers/${id}/export`, {}, editor)).status).toBe(403)
    expect((await api(`subscribers/${id}/export`, {}, {})).status).toBe(403)
    expect((await api('subscribers/999999/export')).status).toBe(404)
  })
})

describe('erasing a reader', () => {
  it('removes the record and its place in every delivery batch, and keeps only a keyed hash on the suppression list', async () => {
    const id = await createSubscriber('erase.me@example.org')
    await addDelivery(id)
    expect((await api(`subscribers/${id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await api(`subscribers/${id}`)).status).toBe(404)
    const deliveries = (await (await api(`deliveries?where[subscribers][equals]=${id}`)).json()) as {
      totalDocs: number
    }
    expect(deliveries.totalDocs).toBe(0)
    const batches = (await (await api('deliveries?limit=100&depth=0')).json()) as {
      docs: Array<{ outcomes: Record<string, unknown> }>
    }
    expect(batches.docs.length).toBeGreaterThan(0)
    for (const batch of batches.docs) expect(Object.keys(batch.outcomes ?? {})).not.toContain(String(id))
    const suppressions = await api('suppressions?limit=100')
    const text = await suppressions.text()
    expect(JSON.parse(text).totalDocs).toBeGreaterThanOrEqual(1)
    expect(text).not.toContain('erase.me')
    expect(text).toMatch(/"emailHash":"[0-9a-f]{64}"/)
    expect((await api('suppressions', {}, editor)).status).toBe(403)
  })

  it('lets the person come back only by signing up again themselves (double opt-in)', async () => {
    const id = await createSubscriber('comes.back@example.org')
    await api(`subscribers/${id}`, { method: 'DELETE' })
    const response = await fetch(`${app.url}/api/newsletter/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
      body: JSON.stringify({ email: 'comes.back@example.org' }),
    })
    expect(response.status).toBe(202)
    const { docs } = (await (await api('subscribers?where[email][equals]=comes.back@example.org')).json()) as {
      docs: Array<{ status: string }>
    }
    expect(docs.map((d) => d.status)).toEqual(['pending'])
  })
})
