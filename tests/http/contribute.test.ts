import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { signInEditor, startApp, type RunningApp } from '../helpers/app'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'

/** Guest contributions from the public form to review, through real HTTP, the worker and SMTP. */

let app: RunningApp
let sink: SmtpSink
let editor: Record<string, string>
let clientNumber = 0

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

const story = (overrides: Record<string, unknown> = {}) => ({
  name: 'Maya Guest',
  email: 'maya@example.org',
  bio: 'Maya writes about slow love.',
  roleLine: 'Couples therapist',
  links: ['https://maya.example'],
  title: 'Listening Before Speaking',
  pitch: 'What changed when we listened first.',
  body: '## Start here\n\nWe tried **silence** first.',
  consent: true,
  ...overrides,
})

function submit(body: unknown, contentType = 'application/json') {
  return fetch(`${app.url}/api/guest-submissions`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-forwarded-for': `192.0.2.${++clientNumber}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  })
}

const messageTo = (address: string, subject: RegExp) => sink.messageTo(address, subject)

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}/api/${path}`, {
    ...init,
    headers: { ...editor, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  })

const move = (id: number, status: string, transitionMessage?: string) =>
  api(`submissions/${id}`, { method: 'PATCH', body: JSON.stringify({ status, transitionMessage }) })

async function submissionByReference(reference: string) {
  const { docs } = (await (await api(`submissions?where[reference][equals]=${reference}`)).json()) as {
    docs: Array<{
      id: number
      status: string
      revisions?: Array<{ number: number; body: string; note?: string }>
      history: Array<{ to: string }>
    }>
  }
  return docs[0]
}

const submissionCount = async () =>
  ((await (await api('submissions?limit=0')).json()) as { totalDocs: number }).totalDocs

beforeAll(async () => {
  sink = await startSmtpSink()
  app = await startApp({ SMTP_URL: sink.url }, { worker: true })
  editor = await signInEditor(app)
})
afterAll(async () => {
  await app?.stop()
  await sink?.close()
})

describe('a guest contribution', () => {
  it('is filed as received, answered with a reference and a private status link, and confirmed by email', async () => {
    const response = await submit(story())
    expect(response.status).toBe(201)
    const { reference, statusUrl } = (await response.json()) as { reference: string; statusUrl: string }
    expect(reference).toMatch(/^MM-[2-9A-HJ-NP-Z]{4}$/)
    expect(statusUrl).toMatch(/\/contribute\/status\?token=[\w.-]+$/)
    expect((await submissionByReference(reference)).status).toBe('received')

    const receipt = await messageTo('maya@example.org', new RegExp(reference))
    expect(receipt.envelopeTo).toEqual(['maya@example.org'])
    expect(receipt.parsed.text).toContain(statusUrl)

    const page = await fetch(statusUrl)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Listening Before Speaking')
    expect(html).toContain('Received: it is waiting for an editor.')
  })

  it('goes through review and a revision, showing the contributor only the messages meant for them', async () => {
    const { reference, statusUrl } = (await (await submit(story({ title: 'Second Chances' }))).json()) as {
      reference: string
      statusUrl: string
    }
    const { id } = await submissionByReference(reference)
    expect((await move(id, 'in_review')).status).toBe(200)
    await api(`submissions/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ editorNotes: 'INTERNAL: ending is weak' }),
    })
    expect((await move(id, 'changes_requested', 'Could the ending be more hopeful?')).status).toBe(200)

    const page = await (await fetch(statusUrl)).text()
    expect(page).toContain('Could the ending be more hopeful?')
    expect(page).not.toContain('INTERNAL')
    expect(page).toContain('Send a revision')

    const revised = await fetch(statusUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        title: 'Second Chances',
        body: 'A more hopeful ending.',
        note: 'Rewrote the end',
      }).toString(),
    })
    expect(revised.status).toBe(200)
    expect(await revised.text()).toContain('your revision is with our editors')
    const after = await submissionByReference(reference)
    expect(after.status).toBe('in_review')
    expect(after.revisions?.map((r) => [r.number, r.body])).toEqual([
      [1, '## Start here\n\nWe tried **silence** first.'],
      [2, 'A more hopeful ending.'],
    ])
    expect(after.history.map((h) => h.to)).toEqual(['received', 'in_review', 'changes_requested', 'in_review'])
  })

  it('refuses an illegal move over REST with a 400 that names the allowed next states', async () => {
    const { reference } = (await (await submit(story({ title: 'Too Soon' }))).json()) as { reference: string }
    const { id } = await submissionByReference(reference)
    const response = await move(id, 'accepted')
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('It can become: in review, declined.')
    expect((await submissionByReference(reference)).status).toBe('received')
  })

  it('keeps script and markup inert on the status page and in the email', async () => {
    const { reference, statusUrl } = (await (
      await submit(story({ name: XSS, title: `Title ${XSS}`, email: 'xss@example.org' }))
    ).json()) as {
      reference: string
      statusUrl: string
    }
    const { id } = await submissionByReference(reference)
    await move(id, 'in_review')
    await move(id, 'changes_requested', `Please ${XSS}`)
    const page = await (await fetch(statusUrl)).text()
    expect(page).not.toMatch(/<script>alert|<img src=x/i)
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    const receipt = await messageTo('xss@example.org', new RegExp(reference))
    expect(receipt.parsed.html).not.toMatch(/<script>alert|<img src=x/i)
  })

  it('lands a form post on the private status page', async () => {
    const form = new URLSearchParams({
      name: 'Form Guest',
      email: 'form.guest@example.org',
      bio: 'Bio',
      title: 'By Form',
      pitch: 'Pitch',
      consent: 'yes',
      links: 'https://a.example\nhttps://b.example',
    })
    const response = await submit(form.toString(), 'application/x-www-form-urlencoded')
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location).toMatch(/\/contribute\/status\?token=/)
    expect(await (await fetch(location)).text()).toContain('By Form')
  })
})

describe('the contributor hears about every decision', () => {
  it('through the whole journey: receipt, changes requested, a revision from the link, accepted, then the public URL once published', async () => {
    const { reference } = (await (await submit(story({ title: 'Journey', email: 'journey@example.org' }))).json()) as {
      reference: string
    }
    await messageTo('journey@example.org', new RegExp(reference))
    const { id } = await submissionByReference(reference)
    await move(id, 'in_review')
    await move(id, 'changes_requested', 'Please add a closing thought.')
    const changes = await messageTo('journey@example.org', /A few changes/)
    expect(changes.parsed.text).toContain('Please add a closing thought.')
    const statusLink = /https?:\/\/\S+\/contribute\/status\?token=[\w.-]+/.exec(changes.parsed.text ?? '')![0]

    const revision = await fetch(statusLink, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        body: '## Start here\n\nWe tried **silence** first.\n\nAnd this is the closing thought.',
      }).toString(),
    })
    expect(revision.status).toBe(200)
    expect((await submissionByReference(reference)).status).toBe('in_review')
    await move(id, 'accepted', 'We love it.')
    const accepted = await messageTo('journey@example.org', /is accepted/)
    expect(accepted.parsed.text).toContain('We love it.')

    const submission = (await (await api(`submissions/${id}?depth=0`)).json()) as { article: number; author: number }
    const anonymous = await fetch(`${app.url}/api/articles/${submission.article}`)
    expect(anonymous.status).toBe(404)
    // The guest stays private until their article is out.
    expect((await fetch(`${app.url}/api/authors/${submission.author}`)).status).toBe(404)

    expect(
      (await api(`articles/${submission.article}`, { method: 'PATCH', body: JSON.stringify({ _status: 'published' }) }))
        .status,
    ).toBe(200)
    const author = (await (await fetch(`${app.url}/api/authors/${submission.author}`)).json()) as Record<
      string,
      unknown
    >
    expect(author).toMatchObject({ name: 'Maya Guest', isGuest: true })
    expect(author).not.toHaveProperty('contactEmail')
    const published = await messageTo('journey@example.org', /is live/)
    expect(published.parsed.text).toMatch(/\/articles\/journey/)
    const articlePage = await fetch(`${app.url}/articles/journey`)
    expect(articlePage.status).toBe(200)
    expect(await articlePage.text()).toContain('And this is the closing thought.')
  })

  it('kindly, when declined, with the editor’s message', async () => {
    const { reference } = (await (
      await submit(story({ title: 'Not For Us', email: 'declined@example.org' }))
    ).json()) as { reference: string }
    const { id } = await submissionByReference(reference)
    await move(id, 'declined', 'It reads more like a diary than an essay.')
    const declined = await messageTo('declined@example.org', /About "Not For Us"/)
    expect(declined.parsed.text).toContain('thank you for trusting us')
    expect(declined.parsed.text).toContain('It reads more like a diary than an essay.')
  })
})

describe('bad input to POST /api/guest-submissions', () => {
  const cases = [
    { name: 'no consent', body: story({ consent: false }), status: 400, field: 'consent' },
    { name: 'a bad address', body: story({ email: 'maya' }), status: 400, field: 'email' },
    { name: 'a javascript: link', body: story({ links: ['javascript:alert(1)'] }), status: 400, field: 'links' },
    {
      name: 'seven links',
      body: story({ links: Array.from({ length: 7 }, (_, i) => `https://l${i}.example`) }),
      status: 400,
      field: 'links',
    },
    { name: 'an object for the title', body: story({ title: { $gt: '' } }), status: 400, field: 'title' },
    { name: 'a title over 200 characters', body: story({ title: 'x'.repeat(201) }), status: 400, field: 'title' },
    {
      name: 'a line break in the name',
      body: story({ name: 'Maya\r\nBcc: all@example.org' }),
      status: 400,
      field: 'name',
    },
    { name: 'an empty pitch', body: story({ pitch: '  ' }), status: 400, field: 'pitch' },
    { name: 'a body over 256 KB', body: story({ body: 'x'.repeat(300_000) }), status: 413 },
  ]

  it.each(cases)('$name → $status, storing nothing', async ({ body, status, field }) => {
    const before = await submissionCount()
    const response = await submit(body)
    expect(response.status).toBe(status)
    const answer = (await response.json()) as { message: string; errors?: Record<string, string> }
    expect(answer.message.length).toBeGreaterThan(10)
    if (field) expect(Object.keys(answer.errors ?? {})).toEqual([field])
    expect(await submissionCount()).toBe(before)
  })

  it('answers a bad status link with 400', async () => {
    expect((await fetch(`${app.url}/contribute/status?token=forged`)).status).toBe(400)
  })
})
