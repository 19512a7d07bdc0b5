import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { ADMIN, loginAs, signInEditor, startApp, type RunningApp } from '../helpers/app'
import { linkIn, startSmtpSink, type CapturedMessage, type SmtpSink } from '../helpers/smtpSink'

/** Readers' double opt-in and one-click unsubscribe, through real HTTP, Redis, the worker and SMTP. */

let app: RunningApp
let sink: SmtpSink
let admin: Record<string, string>
let clientNumber = 0

/** Each test speaks from its own client address, so per-client limits do not mix tests. */
const newClient = () => `203.0.113.${++clientNumber}`

function subscribeRequest(body: string, contentType = 'application/json', client = newClient()) {
  return fetch(`${app.url}/api/newsletter/subscribe`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-forwarded-for': client },
    body,
    redirect: 'manual',
  })
}

const subscribeJson = (data: unknown, client?: string) =>
  subscribeRequest(JSON.stringify(data), 'application/json', client)

const messageTo = (address: string, subject: RegExp) => sink.messageTo(address, subject)

/** A header as sent (mailparser turns List-* headers into objects), unfolded. */
function rawHeader(message: CapturedMessage, name: string): string {
  const line = message.parsed.headerLines.find((header) => header.key === name)?.line ?? ''
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim()
}

async function subscriberNamed(email: string) {
  const response = await fetch(`${app.url}/api/subscribers?where[email][equals]=${encodeURIComponent(email)}`, {
    headers: admin,
  })
  const { docs } = (await response.json()) as {
    docs: Array<{ id: number; status: string; consent: Record<string, string>; confirmedAt?: string }>
  }
  return docs[0]
}

async function subscriberCount(): Promise<number> {
  return (
    (await (await fetch(`${app.url}/api/subscribers?limit=1&depth=0`, { headers: admin })).json()) as {
      totalDocs: number
    }
  ).totalDocs
}

/** Subscribes and confirms through the emails, as a reader would. */
async function activeReader(email: string): Promise<{ confirm: CapturedMessage; welcome: CapturedMessage }> {
  expect((await subscribeJson({ email })).status).toBe(202)
  const confirm = await messageTo(email, /confirm/i)
  expect((await fetch(linkIn(confirm, '/newsletter/confirm'), { method: 'POST' })).status).toBe(200)
  const welcome = await messageTo(email, /welcome/i)
  return { confirm, welcome }
}

beforeAll(async () => {
  sink = await startSmtpSink()
  app = await startApp({ SMTP_URL: sink.url }, { worker: true })
  admin = await loginAs(app, ADMIN)
})
afterAll(async () => {
  await app?.stop()
  await sink?.close()
})

describe('subscribing with double opt-in', () => {
  it('takes an address, emails a confirmation link, and the link activates the reader', async () => {
    const response = await subscribeJson({ email: 'Ada@Example.ORG', firstName: 'Ada', source: 'seed-page' })
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ status: 'pending' })
    const stored = await subscriberNamed('ada@example.org')
    expect(stored.status).toBe('pending')
    expect(stored.consent).toMatchObject({ source: 'seed-page', wordingVersion: '1' })
    expect(stored.consent.wording).toContain("we'll share bi-weekly Mindful Moments")
    expect(stored.consent.wording).toContain("We'll never sell or share your information")

    const confirmation = await messageTo('ada@example.org', /confirm your subscription/)
    expect(confirmation.parsed.text).toContain('Hello Ada,')
    // Opening the link (as a mail scanner does) shows a button and changes nothing.
    const question = await fetch(linkIn(confirmation, '/newsletter/confirm'))
    expect(question.status).toBe(200)
    expect(await question.text()).toMatch(
      /<form method="post" action="\/newsletter\/confirm\?token=[^"]+">\s*<button type="submit">Yes, subscribe me<\/button>/,
    )
    expect((await subscriberNamed('ada@example.org')).status).toBe('pending')
    const page = await fetch(linkIn(confirmation, '/newsletter/confirm'), { method: 'POST' })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('You have Successfully Subscribed!')
    expect((await subscriberNamed('ada@example.org')).status).toBe('active')

    const welcome = await messageTo('ada@example.org', /Welcome to Mindful Moments/)
    expect(welcome.parsed.text).toContain('You have Successfully Subscribed!')
  })

  it('is idempotent: following the confirmation link again still says subscribed', async () => {
    const { confirm } = await activeReader('twice@example.org')
    const again = await fetch(linkIn(confirm, '/newsletter/confirm'), { method: 'POST' })
    expect(again.status).toBe(200)
    expect(await again.text()).toContain('You have Successfully Subscribed!')
    expect(
      sink.messages.filter((m) => m.envelopeTo.includes('twice@example.org') && /Welcome/.test(m.parsed.subject ?? '')),
    ).toHaveLength(1)
  })

  it('sends every email to its reader alone, with one-click unsubscribe headers and a visible link', async () => {
    const { confirm, welcome } = await activeReader('headers@example.org')
    for (const message of [confirm, welcome]) {
      expect(message.envelopeTo).toEqual(['headers@example.org'])
      expect(
        message.parsed.to && 'value' in message.parsed.to ? message.parsed.to.value.map((v) => v.address) : [],
      ).toEqual(['headers@example.org'])
      expect(message.parsed.cc).toBeUndefined()
      expect(message.parsed.bcc).toBeUndefined()
      const listUnsubscribe = rawHeader(message, 'list-unsubscribe')
      expect(listUnsubscribe).toMatch(
        /^<http:\/\/127\.0\.0\.1:\d+\/newsletter\/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$/,
      )
      expect(rawHeader(message, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
      expect(linkIn(message, '/newsletter/unsubscribe')).toBe(/<(http[^>]+)>/.exec(listUnsubscribe)![1])
      expect(message.raw).not.toMatch(/<img[^>]+(width="1"|height="1")/i)
    }
  })

  it('answers byte for byte alike for new, pending, active and unsubscribed addresses', async () => {
    await activeReader('known@example.org')
    const answers = []
    for (const email of ['never-seen@example.org', 'known@example.org', 'never-seen@example.org']) {
      const response = await subscribeJson({ email })
      answers.push({ status: response.status, type: response.headers.get('content-type'), body: await response.text() })
    }
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
  })

  it('redirects an HTML form post to the "check your inbox" page', async () => {
    const response = await subscribeRequest(
      'email=form%40example.org&firstName=Fo&source=footer',
      'application/x-www-form-urlencoded',
    )
    expect(response.status).toBe(303)
    expect(new URL(response.headers.get('location')!).pathname).toBe('/newsletter/check-inbox')
    await messageTo('form@example.org', /confirm/)
  })

  it('stores nothing and sends nothing when the honeypot is filled in, yet answers as usual', async () => {
    const before = await subscriberCount()
    const response = await subscribeJson({ email: 'bot@example.org', website: 'http://spam.example' })
    expect(response.status).toBe(202)
    expect(await subscriberCount()).toBe(before)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(sink.messages.some((m) => m.envelopeTo.includes('bot@example.org'))).toBe(false)
  })
})

describe('choosing topics on sign-up', () => {
  async function topicSlugs(): Promise<string[]> {
    const { docs } = (await (await fetch(`${app.url}/api/categories?sort=name`)).json()) as {
      docs: Array<{ slug: string }>
    }
    return docs.map((doc) => doc.slug)
  }
  const topicsOf = async (email: string) => {
    const response = await fetch(
      `${app.url}/api/subscribers?where[email][equals]=${encodeURIComponent(email)}&depth=1`,
      { headers: admin },
    )
    const { docs } = (await response.json()) as { docs: Array<{ topics?: Array<{ slug: string }> }> }
    return (docs[0].topics ?? []).map((topic) => topic.slug).sort()
  }

  it('keeps the topics a reader ticked (JSON or a form with several boxes); none means every story', async () => {
    const slugs = await topicSlugs()
    expect(slugs.length).toBeGreaterThanOrEqual(2)
    expect((await subscribeJson({ email: 'topics-json@example.org', topics: [slugs[0]] })).status).toBe(202)
    expect(await topicsOf('topics-json@example.org')).toEqual([slugs[0]])
    const form = `email=topics-form%40example.org&topics=${slugs[0]}&topics=${slugs[1]}`
    expect((await subscribeRequest(form, 'application/x-www-form-urlencoded')).status).toBe(303)
    expect(await topicsOf('topics-form@example.org')).toEqual([slugs[0], slugs[1]].sort())
    expect((await subscribeJson({ email: 'topics-none@example.org' })).status).toBe(202)
    expect(await topicsOf('topics-none@example.org')).toEqual([])
  })

  it('hides a reader’s topics from editors, like their name', async () => {
    const { docs } = (await (
      await fetch(`${app.url}/api/subscribers?where[email][equals]=topics-json@example.org`, { headers: admin })
    ).json()) as { docs: Array<{ id: number }> }
    const editorView = await fetch(`${app.url}/api/subscribers/${docs[0].id}`, { headers: await signInEditor(app) })
    expect(editorView.status).toBe(200)
    expect(await editorView.json()).not.toHaveProperty('topics')
  })
})

describe('choosing newsletters', () => {
  type Reader = {
    id: number
    status: string
    newsletters?: Array<{ slug: string }>
    newsletterConsents?: Array<{ newsletter: { slug: string }; wording: string; source: string }>
  }
  const readerNamed = async (email: string): Promise<Reader> => {
    const response = await fetch(
      `${app.url}/api/subscribers?where[email][equals]=${encodeURIComponent(email)}&depth=1`,
      { headers: admin },
    )
    return ((await response.json()) as { docs: Reader[] }).docs[0]
  }
  /** The confirmation of a reader's second sign-up (the first one made them active). */
  const secondConfirmation = async (email: string) => {
    const confirmations = () =>
      sink.messages.filter((m) => m.envelopeTo.includes(email) && /confirm/i.test(m.parsed.subject ?? ''))
    await expect.poll(() => confirmations().length, { timeout: 20_000 }).toBe(2)
    return confirmations()[1]
  }
  const slugsOf = (reader: Reader) => (reader.newsletters ?? []).map((newsletter) => newsletter.slug).sort()

  beforeAll(async () => {
    for (const data of [
      { name: 'Love Letters', slug: 'love-letters', cadence: 'manual', description: 'Now and then, a letter.' },
      { name: 'Staff Room', slug: 'staff-room', cadence: 'manual', public: false },
    ]) {
      const response = await fetch(`${app.url}/api/newsletters`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify(data),
      })
      expect(response.status, await response.clone().text()).toBe(201)
    }
  })

  it('takes the newsletters a sign-up names (absent: the default ones), each with its own consent', async () => {
    expect((await subscribeJson({ email: 'letters@example.org', newsletters: ['love-letters'] })).status).toBe(202)
    const reader = await readerNamed('letters@example.org')
    expect(slugsOf(reader)).toEqual(['love-letters'])
    expect(reader.newsletterConsents).toEqual([
      expect.objectContaining({ newsletter: expect.objectContaining({ slug: 'love-letters' }), source: 'website' }),
    ])
    expect(reader.newsletterConsents![0].wording).toMatch(/Newsletter: Love Letters\.$/)
    const confirm = await messageTo('letters@example.org', /confirm/i)
    expect(confirm.parsed.subject).toBe('Please confirm your subscription to Love Letters')
    expect((await subscribeJson({ email: 'defaults@example.org' })).status).toBe(202)
    expect(slugsOf(await readerNamed('defaults@example.org'))).toEqual(['mindful-moments'])
    const form = 'email=both%40example.org&newslettersOffered=yes&newsletters=love-letters&newsletters=mindful-moments'
    expect((await subscribeRequest(form, 'application/x-www-form-urlencoded')).status).toBe(303)
    expect(slugsOf(await readerNamed('both@example.org'))).toEqual(['love-letters', 'mindful-moments'])
  })

  it('refuses a newsletter we do not have or do not offer, naming it, and a form that ticked none', async () => {
    for (const slug of ['no-such-letter', 'staff-room']) {
      const response = await subscribeJson({ email: 'nope@example.org', newsletters: [slug] })
      expect(response.status).toBe(400)
      expect(((await response.json()) as { errors: Record<string, string> }).errors.newsletters).toBe(
        `We have no newsletter called “${slug}”.`,
      )
    }
    const none = await subscribeRequest(
      'email=none%40example.org&newslettersOffered=yes',
      'application/x-www-form-urlencoded',
    )
    expect(none.status).toBe(303)
    expect(none.headers.get('location')).toMatch(/\/newsletter\?error=newsletters$/)
    expect(await readerNamed('none@example.org')).toBeUndefined()
  })

  it('lets an active reader add a newsletter through the sign-up box, confirmed from their inbox', async () => {
    await activeReader('adding@example.org')
    expect((await subscribeJson({ email: 'adding@example.org', newsletters: ['love-letters'] })).status).toBe(202)
    // Nothing changes until the reader confirms.
    expect(slugsOf(await readerNamed('adding@example.org'))).toEqual(['mindful-moments'])
    const second = await secondConfirmation('adding@example.org')
    expect((await fetch(linkIn(second, '/newsletter/confirm'), { method: 'POST' })).status).toBe(200)
    const reader = await readerNamed('adding@example.org')
    expect(reader.status).toBe('active')
    expect(slugsOf(reader)).toEqual(['love-letters', 'mindful-moments'])
  })

  it('leaves only the newsletter a one-click POST names; the page offers leaving all, and undo', async () => {
    await activeReader('one-of-two@example.org')
    expect((await subscribeJson({ email: 'one-of-two@example.org', newsletters: ['love-letters'] })).status).toBe(202)
    const second = await secondConfirmation('one-of-two@example.org')
    await fetch(linkIn(second, '/newsletter/confirm'), { method: 'POST' })
    const token = new URL(linkIn(second, '/newsletter/unsubscribe')).searchParams.get('token')!
    const leaveLetters = `${app.url}/newsletter/unsubscribe?token=${token}&newsletter=love-letters`

    const question = await (await fetch(leaveLetters)).text()
    expect(question).toContain('Leave Love Letters?')
    expect(question.match(/<button/g)).toHaveLength(2)
    expect(slugsOf(await readerNamed('one-of-two@example.org'))).toEqual(['love-letters', 'mindful-moments'])

    for (let i = 0; i < 2; i++) {
      const response = await fetch(leaveLetters, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
        redirect: 'manual',
      })
      expect(response.status).toBe(200)
    }
    let reader = await readerNamed('one-of-two@example.org')
    expect(reader.status).toBe('active')
    expect(slugsOf(reader)).toEqual(['mindful-moments'])

    expect(
      (await fetch(`${app.url}/newsletter/resubscribe?token=${token}&newsletter=love-letters`, { method: 'POST' }))
        .status,
    ).toBe(200)
    expect(slugsOf(await readerNamed('one-of-two@example.org'))).toEqual(['love-letters', 'mindful-moments'])

    const all = await fetch(leaveLetters, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'leave=all',
    })
    expect(await all.text()).toContain('You are unsubscribed')
    reader = await readerNamed('one-of-two@example.org')
    expect(reader.status).toBe('unsubscribed')
  })

  it('answers a link naming a newsletter that is no slug, or none of ours, with a page that says so', async () => {
    await activeReader('odd-link@example.org')
    const welcome = await messageTo('odd-link@example.org', /welcome/i)
    const token = new URL(linkIn(welcome, '/newsletter/unsubscribe')).searchParams.get('token')!
    for (const slug of ['<script>', 'no-such-letter']) {
      const response = await fetch(
        `${app.url}/newsletter/unsubscribe?token=${token}&newsletter=${encodeURIComponent(slug)}`,
        { method: 'POST' },
      )
      expect(response.status).toBe(400)
      expect(await response.text()).not.toContain('<script>')
    }
    expect((await subscriberNamed('odd-link@example.org')).status).toBe('active')
  })
})

describe('leaving in one click', () => {
  it('shows a page with one button on GET and changes nothing', async () => {
    const { welcome } = await activeReader('scanner@example.org')
    const page = await fetch(linkIn(welcome, '/newsletter/unsubscribe'))
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html.match(/<button/g)).toHaveLength(1)
    expect(html).toContain('method="post"')
    expect((await subscriberNamed('scanner@example.org')).status).toBe('active')
  })

  it('unsubscribes on an RFC 8058 one-click POST: 200, no redirect, idempotent', async () => {
    const { welcome } = await activeReader('oneclick@example.org')
    const url = linkIn(welcome, '/newsletter/unsubscribe')
    for (let i = 0; i < 2; i++) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
        redirect: 'manual',
      })
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('You are unsubscribed')
    }
    expect((await subscriberNamed('oneclick@example.org')).status).toBe('unsubscribed')
  })

  it('can be undone from the same link within minutes, without a new confirmation', async () => {
    const { welcome } = await activeReader('undo@example.org')
    const token = new URL(linkIn(welcome, '/newsletter/unsubscribe')).searchParams.get('token')!
    await fetch(`${app.url}/newsletter/unsubscribe?token=${token}`, { method: 'POST' })
    const undo = await fetch(`${app.url}/newsletter/resubscribe?token=${token}`, { method: 'POST' })
    expect(undo.status).toBe(200)
    expect((await subscriberNamed('undo@example.org')).status).toBe('active')
  })

  it('needs a fresh confirmation to come back later through the sign-up form', async () => {
    const { welcome } = await activeReader('returning@example.org')
    await fetch(linkIn(welcome, '/newsletter/unsubscribe'), { method: 'POST' })
    const before = sink.messages.length
    expect((await subscribeJson({ email: 'returning@example.org' })).status).toBe(202)
    // Nothing changes until the reader confirms from their inbox.
    expect((await subscriberNamed('returning@example.org')).status).toBe('unsubscribed')
    await expect
      .poll(() => sink.messages.slice(before).some((m) => m.envelopeTo.includes('returning@example.org')), {
        timeout: 20_000,
      })
      .toBe(true)
    const again = sink.messages.slice(before).find((m) => m.envelopeTo.includes('returning@example.org'))!
    expect((await fetch(linkIn(again, '/newsletter/confirm'), { method: 'POST' })).status).toBe(200)
    expect((await subscriberNamed('returning@example.org')).status).toBe('active')
  })
})

describe('bad links', () => {
  it('answer 400 with a page that offers a new link', async () => {
    for (const path of [
      '/newsletter/confirm?token=nonsense',
      '/newsletter/confirm',
      '/newsletter/confirm?token=a.b.c.d',
    ]) {
      const response = await fetch(`${app.url}${path}`)
      expect(response.status, path).toBe(400)
      const html = await response.text()
      expect(html).toContain('This link does not work')
      expect(html).toContain('action="/api/newsletter/subscribe"')
    }
    const unsubscribe = await fetch(`${app.url}/newsletter/unsubscribe?token=forged`, { method: 'POST' })
    expect(unsubscribe.status).toBe(400)
  })
})

describe('bad input to POST /api/newsletter/subscribe', () => {
  const cases: Array<{ name: string; send: () => Promise<Response>; status: number; field?: string }> = [
    { name: 'malformed JSON', send: () => subscribeRequest('{"email": "a@example.org"'), status: 400 },
    { name: 'a JSON array', send: () => subscribeRequest('["a@example.org"]'), status: 400 },
    { name: 'an empty body', send: () => subscribeRequest(''), status: 400 },
    { name: 'no email', send: () => subscribeJson({ firstName: 'X' }), status: 400, field: 'email' },
    { name: 'an empty email', send: () => subscribeJson({ email: '   ' }), status: 400, field: 'email' },
    { name: 'not an address', send: () => subscribeJson({ email: 'not-an-address' }), status: 400, field: 'email' },
    {
      name: 'two addresses',
      send: () => subscribeJson({ email: 'a@example.org, b@example.org' }),
      status: 400,
      field: 'email',
    },
    {
      name: 'an array for email',
      send: () => subscribeJson({ email: ['a@example.org'] }),
      status: 400,
      field: 'email',
    },
    { name: 'an object for email', send: () => subscribeJson({ email: { $ne: '' } }), status: 400, field: 'email' },
    { name: 'a number for email', send: () => subscribeJson({ email: 42 }), status: 400, field: 'email' },
    {
      name: 'CR/LF header injection in email',
      send: () => subscribeJson({ email: 'a@example.org\r\nBcc: all@example.org' }),
      status: 400,
      field: 'email',
    },
    {
      name: 'CR/LF in the first name',
      send: () => subscribeJson({ email: 'ok1@example.org', firstName: 'Jo\r\nBcc: x@y.org' }),
      status: 400,
      field: 'firstName',
    },
    {
      name: 'an object for the first name',
      send: () => subscribeJson({ email: 'ok2@example.org', firstName: { a: 1 } }),
      status: 400,
      field: 'firstName',
    },
    {
      name: 'a local part over 64 characters',
      send: () => subscribeJson({ email: `${'a'.repeat(65)}@example.org` }),
      status: 400,
      field: 'email',
    },
    {
      name: 'an address over 254 characters',
      send: () =>
        subscribeJson({ email: `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.org` }),
      status: 400,
      field: 'email',
    },
    {
      name: 'an over-long first name',
      send: () => subscribeJson({ email: 'ok3@example.org', firstName: 'x'.repeat(81) }),
      status: 400,
      field: 'firstName',
    },
    {
      name: 'a strange source',
      send: () => subscribeJson({ email: 'ok4@example.org', source: '<script>' }),
      status: 400,
      field: 'source',
    },
    {
      name: 'a body over 64 KB',
      send: () => subscribeJson({ email: 'big@example.org', padding: 'x'.repeat(70_000) }),
      status: 413,
    },
    {
      name: 'a topic we do not have',
      send: () => subscribeJson({ email: 'ok5@example.org', topics: ['no-such-topic'] }),
      status: 400,
      field: 'topics',
    },
    {
      name: 'topics that are not short names',
      send: () => subscribeJson({ email: 'ok6@example.org', topics: ['<b>Dating</b>'] }),
      status: 400,
      field: 'topics',
    },
    {
      name: 'an object for topics',
      send: () => subscribeJson({ email: 'ok7@example.org', topics: { $ne: '' } }),
      status: 400,
      field: 'topics',
    },
    { name: 'text/plain', send: () => subscribeRequest('email=a@example.org', 'text/plain'), status: 415 },
    {
      name: 'multipart/form-data',
      send: () => subscribeRequest('--x--', 'multipart/form-data; boundary=x'),
      status: 415,
    },
  ]

  it.each(cases)('$name → $status, with a message, storing nothing', async ({ send, status, field }) => {
    const before = await subscriberCount()
    const response = await send()
    expect(response.status).toBe(status)
    const body = (await response.json()) as { message: string; errors?: Record<string, string> }
    expect(body.message.length).toBeGreaterThan(10)
    if (field) expect(Object.keys(body.errors ?? {})).toEqual([field])
    expect(await subscriberCount()).toBe(before)
  })

  it('names every topic it does not know', async () => {
    const response = await subscribeJson({ email: 'ok8@example.org', topics: ['nope-one', 'nope-two'] })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { errors: Record<string, string> }
    expect(body.errors.topics).toBe('We have no topic called “nope-one”, “nope-two”.')
  })

  it('says which fields are wrong in a sentence a person understands', async () => {
    const body = (await (await subscribeJson({ email: 'nope' })).json()) as { errors: Record<string, string> }
    expect(body.errors.email).toBe('Enter a valid email address, like name@example.org.')
  })

  it('sends a form post with a bad address back to the sign-up page with the message', async () => {
    const response = await subscribeRequest('email=nope', 'application/x-www-form-urlencoded')
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe('/newsletter')
    expect(location.searchParams.get('error')).toBe('email')
    const page = await (await fetch(location)).text()
    expect(page).toContain('Enter a valid email address, like name@example.org.')
  })

  it('shows only its own sentences for ?error=, never text from the link', async () => {
    const planted = await (
      await fetch(`${app.url}/newsletter?error=${encodeURIComponent('Your account is locked: call +1 555 0100')}`)
    ).text()
    expect(planted).not.toContain('555 0100')
    expect(planted).toContain('Please check the form and try again.')
  })
})

describe('abuse', () => {
  it('answers a flood from one client with 429 and Retry-After', async () => {
    const client = newClient()
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await subscribeJson({ email: `flood${i}@example.org` }, client)).status)
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true)
    const limited = await subscribeJson({ email: 'flood-last@example.org' }, client)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await limited.json()) as { message: string }).message).toMatch(/Too many requests/)
  })

  it('limits every API endpoint per client, reads included', async () => {
    const client = newClient()
    const get = () => fetch(`${app.url}/api/articles?limit=1`, { headers: { 'x-forwarded-for': client } })
    const statuses = await Promise.all(
      Array.from({ length: 600 }, get).map((response) => response.then((r) => r.status)),
    )
    expect(statuses.every((status) => status === 200)).toBe(true)
    const limited = await get()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(
      (await fetch(`${app.url}/api/articles?limit=1`, { headers: { 'x-forwarded-for': newClient() } })).status,
    ).toBe(200)
  })

  it('sends at most three confirmations an hour to one address, whoever asks', async () => {
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await subscribeJson({ email: 'target@example.org' })).status)
    expect(statuses).toEqual([202, 202, 202, 429])
  })
})

describe('privacy', () => {
  it('keeps no address in any Redis key or queued job', async () => {
    const redis = new Redis(inject('redisUrl'))
    try {
      const keys = await redis.keys(`${app.redisPrefix}:*`)
      expect(keys.length).toBeGreaterThan(0)
      expect(keys.filter((key) => key.includes('@'))).toEqual([])
      const jobKeys = keys.filter(
        (key) => key.startsWith(`${app.redisPrefix}:transactional:`) && key.split(':').length === 3,
      )
      expect(jobKeys.length).toBeGreaterThan(0)
      for (const key of jobKeys) {
        if ((await redis.type(key)) !== 'hash') continue
        const job = await redis.hgetall(key)
        expect(JSON.stringify(job), key).not.toMatch(/@example\.org/i)
      }
    } finally {
      redis.disconnect()
    }
  })

  it('never prints an address in the web or worker logs', () => {
    expect(app.output()).not.toMatch(/[\w.+-]+@example\.org/i)
  })
})
