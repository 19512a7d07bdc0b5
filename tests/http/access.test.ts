import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, loginAs, signInEditor, startApp, type RunningApp } from '../helpers/app'
import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * Who may read, create, update and delete what, asked of the running app over HTTP as an
 * anonymous visitor, an editor and an admin.
 */

type Role = 'anonymous' | 'editor' | 'admin'
type Operation = 'read' | 'create' | 'update' | 'delete'
type Rights = Record<Operation, boolean>

const all: Rights = { read: true, create: true, update: true, delete: true }
const none: Rights = { read: false, create: false, update: false, delete: false }
const readOnly: Rights = { ...none, read: true }

const MATRIX: Record<string, Record<Role, Rights>> = {
  // The fixture article is a draft: anonymous visitors see published articles only.
  articles: { anonymous: none, editor: all, admin: all },
  authors: { anonymous: readOnly, editor: all, admin: all },
  categories: { anonymous: readOnly, editor: all, admin: all },
  // The fixture is offered on the site: anonymous visitors may read it (not a private one, below). Editors make and change newsletters; admins delete.
  newsletters: { anonymous: readOnly, editor: { ...all, delete: false }, admin: all },
  media: { anonymous: readOnly, editor: all, admin: all },
  submissions: { anonymous: none, editor: { ...all, delete: false }, admin: all },
  editions: { anonymous: none, editor: all, admin: all },
  subscribers: { anonymous: none, editor: readOnly, admin: all },
  deliveries: { anonymous: none, editor: readOnly, admin: { ...readOnly, delete: true } },
  // Renders of an edition for some readers' topics: what is in them goes out as is, so nobody writes them over HTTP.
  'edition-variants': { anonymous: none, editor: readOnly, admin: { ...readOnly, delete: true } },
  // Erased readers' hashes: admins may see and lift them; nobody writes them over HTTP.
  suppressions: { anonymous: none, editor: none, admin: { ...readOnly, delete: true } },
  // The exact daily counts, small ones included: only the blurred insights show them, to staff.
  'insight-counts': { anonymous: none, editor: none, admin: none },
  // The fixture is another account: editors may only see and change their own.
  users: { anonymous: none, editor: none, admin: all },
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

let app: RunningApp
let local: TestPayload
let headers: Record<Role, Record<string, string>>
let authorId: number | string
let counter = 0

function request(role: Role, method: string, path: string, body?: unknown) {
  return fetch(`${app.url}/api/${path}`, {
    method,
    headers: { ...headers[role], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

function newDocumentData(collection: string): unknown {
  const n = ++counter
  switch (collection) {
    case 'articles':
      return { title: `Access article ${n}`, authors: [authorId], _status: 'draft' }
    case 'authors':
      return { name: `Access Author ${n}`, contactEmail: `author${n}@private.test` }
    case 'categories':
      return { name: `Access Category ${n}` }
    case 'newsletters':
      return { name: `Access Newsletter ${n}`, cadence: 'manual' }
    case 'submissions':
      return { contributor: { name: 'Guest', email: `guest${n}@example.org` }, title: `Pitch ${n}`, pitch: 'A story.' }
    case 'editions':
      return { number: 100 + n, subject: `Mindful Moments #${100 + n}` }
    case 'subscribers':
      return { email: `reader${n}@example.org`, status: 'pending' }
    case 'users':
      return { name: `Editor ${n}`, email: `editor${n}@mindful.test`, password: 'editor-password-1', role: 'editor' }
    default:
      throw new Error(`no fixture for ${collection}`)
  }
}

function createAs(role: Role, collection: string): Promise<Response> {
  if (collection !== 'media') return request(role, 'POST', collection, newDocumentData(collection))
  const form = new FormData()
  form.append('file', new Blob([PNG], { type: 'image/png' }), `pixel-${++counter}.png`)
  form.append('_payload', JSON.stringify({ alt: 'A single pixel' }))
  return fetch(`${app.url}/api/media`, { method: 'POST', headers: headers[role], body: form })
}

/** A fresh document made by someone allowed to (the Local API for what nobody creates over HTTP). */
async function fixture(collection: string): Promise<string | number> {
  if (collection === 'suppressions') {
    const suppression = await local.payload.create({
      collection: 'suppressions',
      data: { emailHash: `${++counter}`.padStart(64, '0'), reason: 'erased' },
    })
    return suppression.id
  }
  if (collection === 'insight-counts') {
    const row = await local.payload.create({
      collection: 'insight-counts',
      data: {
        key: `2026-12-01|link.clicks|1:${++counter}`,
        day: '2026-12-01',
        counter: 'link.clicks',
        subject: `1:${counter}`,
        count: 1,
      },
    })
    return row.id
  }
  if (collection === 'edition-variants') {
    const edition = await local.payload.create({
      collection: 'editions',
      data: { number: 900 + ++counter, subject: 'Fixture', status: 'draft' },
    })
    const variant = await local.payload.create({
      collection: 'edition-variants',
      data: { edition: edition.id, stories: '1', subject: 'Fixture', html: '<p>Fixture</p>', text: 'Fixture' },
    })
    return variant.id
  }
  if (collection === 'deliveries') {
    const edition = await local.payload.create({
      collection: 'editions',
      data: { number: 900 + ++counter, subject: 'Fixture', status: 'draft' },
    })
    const subscriber = await local.payload.create({
      collection: 'subscribers',
      data: { email: `d${counter}@example.org`, status: 'pending' },
    })
    const delivery = await local.payload.create({
      collection: 'deliveries',
      data: {
        edition: edition.id,
        batch: 0,
        subscribers: [subscriber.id],
        size: 1,
        status: 'done',
        outcomes: { [subscriber.id]: { status: 'sent', attempts: 1, at: new Date().toISOString() } },
      },
    })
    return delivery.id
  }
  const response = await createAs('admin', collection)
  expect(response.status, await response.clone().text()).toBe(201)
  return ((await response.json()) as { doc: { id: number } }).doc.id
}

const updateFor: Record<string, Record<string, unknown>> = {
  articles: { dek: 'Changed' },
  authors: { roleLine: 'Changed' },
  categories: { description: 'Changed' },
  newsletters: { description: 'Changed' },
  media: { alt: 'Changed' },
  submissions: { editorNotes: 'Changed' },
  editions: { intro: 'Changed' },
  subscribers: { bounceCount: 1 },
  deliveries: { status: 'queued' },
  'edition-variants': { html: '<p>Planted</p><img src="https://elsewhere.test/pixel.gif">' },
  suppressions: { reason: 'erased' },
  'insight-counts': { count: 1_000 },
  users: { name: 'Changed' },
}

async function attempt(role: Role, collection: string, operation: Operation): Promise<Response> {
  if (operation === 'create') {
    if (collection === 'deliveries')
      return request(role, 'POST', collection, { edition: 1, batch: 0, subscribers: [1], size: 1, status: 'done' })
    if (collection === 'suppressions')
      return request(role, 'POST', collection, { emailHash: 'f'.repeat(64), reason: 'erased' })
    if (collection === 'edition-variants')
      return request(role, 'POST', collection, { edition: 1, stories: '1', html: '<p>Planted</p>' })
    if (collection === 'insight-counts')
      return request(role, 'POST', collection, {
        key: 'x',
        day: '2026-12-01',
        counter: 'link.clicks',
        subject: 'x',
        count: 9,
      })
    return createAs(role, collection)
  }
  const id = await fixture(collection)
  if (operation === 'read') return request(role, 'GET', `${collection}/${id}`)
  if (operation === 'update') return request(role, 'PATCH', `${collection}/${id}`, updateFor[collection])
  return request(role, 'DELETE', `${collection}/${id}`)
}

beforeAll(async () => {
  app = await startApp()
  local = await startPayload({ databaseUrl: app.databaseUrl, pushSchema: false })
  const admin = await loginAs(app, ADMIN)
  headers = { anonymous: {}, editor: {}, admin }
  headers.editor = await signInEditor(app)
  const authors = (await (await request('admin', 'GET', 'authors?where[slug][equals]=alinn-smith')).json()) as {
    docs: Array<{ id: number }>
  }
  authorId = authors.docs[0].id
})

afterAll(async () => {
  await local?.close()
  await app?.stop()
})

describe('the access-control matrix', () => {
  const cases = Object.entries(MATRIX).flatMap(([collection, roles]) =>
    (Object.entries(roles) as Array<[Role, Rights]>).flatMap(([role, rights]) =>
      (Object.keys(rights) as Operation[]).map((operation) => ({
        collection,
        role,
        operation,
        allowed: rights[operation],
      })),
    ),
  )

  it.each(cases)('$role may $operation $collection: $allowed', async ({ collection, role, operation, allowed }) => {
    const response = await attempt(role, collection, operation)
    const body = await response.text()
    if (allowed) expect(response.status, body).toBeLessThan(300)
    else expect([401, 403, 404], `${response.status} ${body}`).toContain(response.status)
  })
})

describe('what anonymous visitors see', () => {
  it('lists the published seed article with its authors’ public fields and no email anywhere', async () => {
    const response = await request('anonymous', 'GET', 'articles?depth=1')
    expect(response.status).toBe(200)
    const text = await response.text()
    const { docs } = JSON.parse(text) as {
      docs: Array<{ title: string; _status: string; authors: Array<Record<string, unknown>> }>
    }
    expect(docs.map((d) => d.title)).toEqual(['How to Regain a Partner’s Lost Trust'])
    expect(docs[0].authors.map((a) => a.name)).toEqual(['Alinn Smith', 'Guest Contributor'])
    expect(docs[0].authors[0]).toMatchObject({ roleLine: 'Dermatologist by profession', isGuest: true })
    for (const author of docs[0].authors) expect(author).not.toHaveProperty('contactEmail')
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/)
  })

  it('is refused the subscribers, over REST and GraphQL', async () => {
    expect((await request('anonymous', 'GET', 'subscribers')).status).toBe(403)
    const graphql = await fetch(`${app.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ Subscribers { docs { email } } }' }),
    })
    const result = (await graphql.json()) as { data?: { Subscribers: unknown }; errors?: Array<{ message: string }> }
    expect(result.data?.Subscribers ?? null).toBeNull()
    expect(result.errors?.[0].message).toMatch(/not allowed/i)
  })

  it('can read the sign-up wording but not change the settings', async () => {
    const settings = await request('anonymous', 'GET', 'globals/settings')
    expect(settings.status).toBe(200)
    expect(((await settings.json()) as { successMessage: string }).successMessage).toBe(
      'You have Successfully Subscribed!',
    )
    // Refused before the body is read: nobody signed in writes outside the public routes.
    expect((await request('anonymous', 'POST', 'globals/settings', { autoSend: true })).status).toBe(401)
  })
})

describe('private fields', () => {
  it('hide a subscriber’s address and name from editors and show them to admins', async () => {
    const id = await fixture('subscribers')
    const asEditor = (await (await request('editor', 'GET', `subscribers/${id}`)).json()) as Record<string, unknown>
    expect(asEditor.status).toBe('pending')
    expect(asEditor).not.toHaveProperty('email')
    expect(asEditor).not.toHaveProperty('firstName')
    const asAdmin = (await (await request('admin', 'GET', `subscribers/${id}`)).json()) as Record<string, unknown>
    expect(asAdmin.email).toMatch(/^reader\d+@example\.org$/)
  })

  it('keep a reader’s pause, topics and newsletters theirs: neither an editor nor an admin can set them over REST', async () => {
    const id = await fixture('subscribers')
    const before = await local.payload.findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true })
    const { docs } = (await (await request('admin', 'GET', 'categories?limit=1')).json()) as {
      docs: Array<{ id: number }>
    }
    const other = await local.payload.create({
      collection: 'newsletters',
      data: { name: 'Staff Picks', slug: 'staff-picks', cadence: 'manual', weekday: 'monday', sendTime: '08:00' },
    })
    for (const role of ['editor', 'admin'] as const)
      await request(role, 'PATCH', `subscribers/${id}`, {
        pausedUntil: '2030-01-01T00:00:00.000Z',
        topics: [docs[0].id],
        newsletters: [other.id],
        newsletterConsents: [{ newsletter: other.id, givenAt: '2020-01-01T00:00:00.000Z', source: 'planted' }],
      })
    const reader = await local.payload.findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true })
    expect(reader.pausedUntil ?? null).toBeNull()
    expect(reader.topics ?? []).toEqual([])
    expect(reader.newsletters).toEqual(before.newsletters)
    expect(reader.newsletterConsents).toEqual(before.newsletterConsents)
    // An admin's new reader gets the default newsletters, whatever the request says.
    const created = await request('admin', 'POST', 'subscribers', {
      email: 'planted@example.org',
      status: 'pending',
      newsletters: [other.id],
    })
    const made = ((await created.json()) as { doc: { id: number } }).doc
    const stored = await local.payload.findByID({
      collection: 'subscribers',
      id: made.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(stored.newsletters).not.toContain(other.id)
    expect(stored.newsletters).toHaveLength(1)
  })

  it('offer anonymous visitors only the newsletters on the site, and keep every newsletter’s slug as readers’ links name it', async () => {
    const hidden = await local.payload.create({
      collection: 'newsletters',
      data: {
        name: 'Contributors Only',
        slug: 'contributors-only',
        cadence: 'manual',
        public: false,
        weekday: 'monday',
        sendTime: '08:00',
      },
    })
    const list = (await (await request('anonymous', 'GET', 'newsletters?limit=100')).json()) as {
      docs: Array<{ slug: string }>
    }
    expect(list.docs.map((doc) => doc.slug)).toContain('mindful-moments')
    expect(list.docs.map((doc) => doc.slug)).not.toContain('contributors-only')
    expect((await request('anonymous', 'GET', `newsletters/${hidden.id}`)).status).toBe(404)
    expect((await request('editor', 'GET', `newsletters/${hidden.id}`)).status).toBe(200)
    await request('admin', 'PATCH', `newsletters/${hidden.id}`, { slug: 'renamed' })
    expect((await local.payload.findByID({ collection: 'newsletters', id: hidden.id })).slug).toBe('contributors-only')
  })

  it('never let anyone delete Mindful Moments', async () => {
    const { docs } = await local.payload.find({
      collection: 'newsletters',
      where: { slug: { equals: 'mindful-moments' } },
    })
    const response = await request('admin', 'DELETE', `newsletters/${docs[0].id}`)
    expect([403, 404]).toContain(response.status)
    expect(
      await local.payload.count({ collection: 'newsletters', where: { slug: { equals: 'mindful-moments' } } }),
    ).toEqual({
      totalDocs: 1,
    })
  })

  it('hide an author’s contact email from editors and show it to admins', async () => {
    const id = await fixture('authors')
    const asEditor = (await (await request('editor', 'GET', `authors/${id}`)).json()) as Record<string, unknown>
    expect(asEditor.name).toMatch(/^Access Author/)
    expect(asEditor).not.toHaveProperty('contactEmail')
    const asAdmin = (await (await request('admin', 'GET', `authors/${id}`)).json()) as Record<string, unknown>
    expect(asAdmin.contactEmail).toMatch(/@private\.test$/)
  })

  it('do not let an editor make themselves an admin', async () => {
    const me = (await (await request('editor', 'GET', 'users/me')).json()) as { user: { id: number } }
    await request('editor', 'PATCH', `users/${me.user.id}`, { role: 'admin' })
    const after = (await (await request('admin', 'GET', `users/${me.user.id}`)).json()) as { role: string }
    expect(after.role).toBe('editor')
  })

  it('let editors change settings only through an admin', async () => {
    expect((await request('editor', 'POST', 'globals/settings', { autoSend: true })).status).toBe(403)
    expect((await request('admin', 'POST', 'globals/settings', { autoSend: false })).status).toBe(200)
  })
})
