import { writeFileSync } from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { escapeHtml } from '@/emails/partials'
import { ADMIN, loginAs, startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, submitForm } from '../helpers/browser'
import { linkIn, startSmtpSink, type CapturedMessage, type SmtpSink } from '../helpers/smtpSink'

/**
 * "Mindful Moments" as a reader receives it, on the production build with the real worker
 * and an SMTP server on loopback: the designed email (screenshots, accessibility), its web
 * version, and the reader's own subscription page, from a new first name to a new address.
 */

const READER = 'nia@readers.test'
const NEW_ADDRESS = 'nia.moved@readers.test'
/** Everything a name can hold that could break HTML, quoted-printable or a font. */
const HOSTILE_NAME = `Zoë <b>&amp; "Jo" O'Neil 🌸`

let app: RunningApp
let sink: SmtpSink
let browser: Browser
let admin: { authorization: string }
let articleId: number
let editions = 0

beforeAll(async () => {
  sink = await startSmtpSink()
  ;[app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url }, { worker: true }), launchChromium()])
  admin = await loginAs(app, ADMIN)
  const found = await fetch(
    `${app.url}/api/articles?where[slug][equals]=how-to-regain-a-partners-lost-trust&depth=0`,
  ).then((r) => r.json())
  articleId = found.docs[0].id
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sink?.close()
})

/** Creates an edition of the seed article as an editor would, sends it now, and waits until it is sent. */
async function sendEdition(extra: Record<string, unknown> = {}): Promise<number> {
  editions++
  const subject = `Mindful Moments #${editions}: How to Regain a Partner’s Lost Trust`
  const created = await fetch(`${app.url}/api/editions`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ subject, articles: [articleId], ...extra }),
  })
  expect(created.status, await created.clone().text()).toBe(201)
  const { doc } = await created.json()
  expect(doc.number).toBe(editions)
  const sent = await fetch(`${app.url}/api/editions/${doc.id}/send`, { method: 'POST', headers: admin })
  expect(sent.status).toBe(202)
  await expect
    .poll(
      async () =>
        (await fetch(`${app.url}/api/editions/${doc.id}?depth=0`, { headers: admin }).then((r) => r.json())).status,
      { timeout: 60_000, interval: 250 },
    )
    .toBe('sent')
  return editions
}

const digestsTo = (address: string, number: number) =>
  sink.messages.filter(
    (m) => m.envelopeTo.includes(address) && (m.parsed.subject ?? '').startsWith(`Mindful Moments #${number}:`),
  )

let manageLink: string
let firstDigest: CapturedMessage

describe('a reader of Mindful Moments', () => {
  it(
    'signs up with a first name, confirms, and finds "Manage your subscription" in the welcome email',
    { timeout: 60_000 },
    async () => {
      const signUp = await fetch(`${app.url}/api/newsletter/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: READER, firstName: 'Nia' }),
      })
      expect(signUp.status).toBe(202)
      const confirmation = await sink.messageTo(READER, /confirm your subscription/)
      expect((await fetch(linkIn(confirmation, '/newsletter/confirm'), { method: 'POST' })).status).toBe(200)
      const welcome = await sink.messageTo(READER, /Welcome/)
      manageLink = linkIn(welcome, '/newsletter/manage')
      expect(welcome.parsed.html).toContain('Manage your subscription')
    },
  )

  it(
    'receives the designed digest, greeted by name, with the editor’s note and the lead story’s picture',
    { timeout: 90_000 },
    async () => {
      const number = await sendEdition({
        intro: 'Welcome to the first Mindful Moments.\n\nThis fortnight: trust, and how to rebuild it.',
      })
      ;[firstDigest] = digestsTo(READER, number)
      const { html, text } = firstDigest.parsed
      expect(html).toContain('Hi Nia,')
      expect(text).toContain('Hi Nia,')
      expect(html).toContain('This fortnight: trust, and how to rebuild it.')
      expect(html).toMatch(/<img\s[^>]*src="http:\/\/127\.0\.0\.1:\d+\/api\/media\/file\/regain-lost-trust[^"]*\.jpg"/)
      // The preheader defaults to the lead story's dek.
      expect(html).toMatch(/<div style="display:none;[^"]*">Of all the things in the world to try to recover/)
      expect(html).toContain(manageLink.replace(/^https?:\/\/[^/]+/, ''))
    },
  )

  it(
    'looks right on a phone and a desktop, in light and dark (screenshots of the received email)',
    { timeout: 90_000 },
    async () => {
      const html = firstDigest.parsed.html as string
      writeFileSync(path.join(ARTIFACTS, 'digest-received.html'), html)
      for (const width of [375, 600]) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme })
          await page.setContent(html, { waitUntil: 'load' })
          // The hero came from the app itself, as a mail app would fetch it.
          const hero = page.locator('img').first()
          expect(await hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
          const box = (await hero.boundingBox())!
          expect(box.width).toBeLessThanOrEqual(width)
          // Its proportions hold at every width (16:9 picture).
          expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.05)
          const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
          expect(background).toBe(colorScheme === 'dark' ? 'rgb(25, 24, 29)' : 'rgb(251, 249, 246)')
          await page.screenshot({ path: path.join(ARTIFACTS, `digest-${width}-${colorScheme}.png`), fullPage: true })
          await page.close()
        }
      }
    },
  )

  it(
    'has no serious or critical accessibility problem (axe-core on the received HTML)',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 600, height: 900 } })
      const page = await context.newPage()
      await page.setContent(firstDigest.parsed.html as string, { waitUntil: 'load' })
      const { violations, passes } = await new AxeBuilder({ page }).analyze()
      const serious = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)
      expect(serious).toEqual([])
      // It did look: contrast, alt text and the document's language were checked.
      expect(passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'image-alt', 'html-has-lang']))
      await context.close()
    },
  )

  it('opens "View in your browser": the web version, with none of the reader’s data', async () => {
    const view = /href="([^"]+\/newsletter\/editions\/1)"/.exec(firstDigest.parsed.html as string)![1]
    const response = await fetch(view)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toContain('public')
    const web = await response.text()
    expect(web).toContain('How to Regain a Partner’s Lost Trust')
    expect(web).toContain('This fortnight: trust')
    const token = /newsletter\/manage\?token=([\w.-]+)/.exec(manageLink)![1]
    for (const personal of [READER, token, 'Hi Nia']) expect(web, personal).not.toContain(personal)
    expect(web).not.toMatch(/\bNia\b/)
    expect(web).not.toMatch(/mmreader|MMREADER/)
    expect(web).not.toContain('/newsletter/manage')
    expect(web).not.toContain('/newsletter/unsubscribe')

    expect((await fetch(`${app.url}/newsletter/editions/99`)).status).toBe(404)
    expect((await fetch(`${app.url}/newsletter/editions/not-a-number`)).status).toBe(404)
    const archive = await fetch(`${app.url}/newsletter/archive`).then((r) => r.text())
    expect(archive).toContain('href="/newsletter/editions/1"')
  })

  it('changes the first name on the subscription page; the next digest greets by it', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(manageLink)
    expect(await page.locator('h1').textContent()).toBe('Your subscription')
    expect(await page.locator('main').textContent()).toContain('n•••@readers.test')
    expect(await page.getByLabel(/greets you by it/).inputValue()).toBe('Nia')
    await page.screenshot({ path: path.join(ARTIFACTS, 'manage-subscription.png'), fullPage: true })
    await page.getByLabel(/greets you by it/).fill(HOSTILE_NAME)
    await submitForm(page, 'Save my name')
    expect(await page.getByRole('status').textContent()).toContain(`greet you as ${HOSTILE_NAME}`)
    expect(await page.getByLabel(/greets you by it/).inputValue()).toBe(HOSTILE_NAME)
    await page.close()

    const number = await sendEdition()
    const [digest] = digestsTo(READER, number)
    expect(digest.parsed.text).toContain(`Hi ${HOSTILE_NAME},`)
    expect(digest.parsed.html).toContain(`Hi ${escapeHtml(HOSTILE_NAME)},`)
    const page2 = await browser.newPage({ viewport: { width: 375, height: 900 } })
    await page2.setContent(digest.parsed.html as string)
    expect(await page2.getByText(/^Hi /).first().textContent()).toBe(`Hi ${HOSTILE_NAME},`)
    await page2.close()
  })

  it(
    'moves to a new address: the old keeps receiving until the new one confirms, then only the new one does',
    { timeout: 180_000 },
    async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 } })
      await page.goto(manageLink)
      await page.getByLabel('Send our emails to a new address').fill(NEW_ADDRESS)
      await submitForm(page, 'Send the confirmation link')
      expect(await page.getByRole('status').textContent()).toContain('Check the new inbox')
      expect(await page.locator('main').textContent()).toContain('n•••@readers.test. Until you follow it')

      const confirmation = await sink.messageTo(NEW_ADDRESS, /confirm your new address/)
      expect(confirmation.envelopeTo).toEqual([NEW_ADDRESS])

      const before = await sendEdition()
      expect(digestsTo(READER, before)).toHaveLength(1)
      expect(digestsTo(NEW_ADDRESS, before)).toHaveLength(0)

      await page.goto(linkIn(confirmation, '/newsletter/confirm-address'))
      expect(await page.locator('h1').textContent()).toBe('Move your subscription here?')
      await page.screenshot({ path: path.join(ARTIFACTS, 'reader-confirm-address.png') })
      await page.getByRole('button', { name: 'Yes, use this address' }).click()
      await page.waitForLoadState()
      expect(await page.locator('h1').textContent()).toBe('Your new address is confirmed')
      // The same link again changes nothing and says so.
      expect((await fetch(linkIn(confirmation, '/newsletter/confirm-address'))).status).toBe(400)
      await page.close()

      const after = await sendEdition()
      expect(digestsTo(NEW_ADDRESS, after)).toHaveLength(1)
      expect(digestsTo(READER, after)).toHaveLength(0)
      expect(digestsTo(NEW_ADDRESS, after)[0].parsed.text).toContain(`Hi ${HOSTILE_NAME},`)
    },
  )
})

describe('the subscription page refuses bad input', () => {
  const post = (token: string, body: string, type = 'application/x-www-form-urlencoded') =>
    fetch(`${app.url}/newsletter/manage?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    })

  it('answers a bad or missing link with 400, and GET never changes anything', async () => {
    for (const token of ['', 'nonsense', 'a.b.c.d', 'x'.repeat(600)]) {
      const response = await fetch(`${app.url}/newsletter/manage?token=${token}`)
      expect(response.status, token).toBe(400)
      expect(await response.text()).toContain('This link does not work')
    }
    const token = /token=([\w.-]+)/.exec(manageLink)![1]
    // A GET with form fields in the query is only a page view.
    await fetch(`${manageLink}&action=name&firstName=Mallory`)
    expect(await fetch(manageLink).then((r) => r.text())).toContain(`value="${escapeHtml(HOSTILE_NAME)}"`)
    expect((await post('forged.token.here.x', 'action=name&firstName=Eve')).status).toBe(400)
    expect((await post(token, 'action=delete-everything')).status).toBe(400)
  })

  it('names the field that is wrong, with the sign-up’s own rules, and stores nothing', async () => {
    const token = /token=([\w.-]+)/.exec(manageLink)![1]
    const cases: Array<[string, RegExp]> = [
      ['action=address&email=not-an-address', /Enter a valid email address/],
      ['action=address&email=', /Enter your email address/],
      ['action=address&email=a%40example.org%0d%0aBcc%3a%20b%40example.org', /Enter a valid email address/],
      [`action=name&firstName=${'x'.repeat(81)}`, /at most 80 characters/],
      ['action=name&firstName=Line%0aBreak', /cannot contain line breaks/],
    ]
    for (const [body, message] of cases) {
      const response = await post(token, body)
      expect(response.status, body).toBe(400)
      expect(await response.text(), body).toMatch(message)
    }
    expect((await post(token, '{"action":"name","firstName":["x"]}', 'application/json')).status).toBe(400)
    expect((await post(token, 'action=name', 'text/plain')).status).toBe(415)
    expect(await fetch(manageLink).then((r) => r.text())).toContain(`value="${escapeHtml(HOSTILE_NAME)}"`)
  })
})
