import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  ADMIN,
  apiAs,
  createActiveReader,
  EDITOR,
  loginAs,
  signInEditor,
  startApp,
  type RunningApp,
} from '../helpers/app'
import { ARTIFACTS, launchChromium, logInToAdmin } from '../helpers/browser'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'

/** An editor previews an edition, sends a test to themself, then sends it and watches it go. */

let app: RunningApp
let browser: Browser
let sink: SmtpSink
let editorHeaders: { authorization: string }
const READERS = ['calm.reader@example.org', 'second.reader@example.org']

const api = (pathname: string, init: RequestInit = {}) => apiAs(app, editorHeaders, pathname, init)

/** Opens an edition's page and waits until its panel answers clicks (React has hydrated it). */
async function openEdition(page: Page, id: number) {
  await page.goto(`${app.url}/admin/collections/editions/${id}`)
  await page.locator('section.edition-panel[data-ready]').waitFor({ timeout: 30_000 })
}

const signIn = (page: Page) => logInToAdmin(page, app.url, EDITOR)

beforeAll(async () => {
  sink = await startSmtpSink()
  ;[app, browser] = await Promise.all([
    startApp({ SMTP_URL: sink.url, RECONCILE_INTERVAL_MS: '1000' }, { worker: true }),
    launchChromium(),
  ])
  await signInEditor(app)
  editorHeaders = await loginAs(app, EDITOR)
  // Two confirmed readers, made by an admin as an import would.
  const admin = await loginAs(app, ADMIN)
  for (const email of READERS) await createActiveReader(app, admin, email)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sink?.close()
})

describe('an editor with an edition', () => {
  it('sees the next scheduled send on the dashboard', { timeout: 60_000 }, async () => {
    const page = await browser.newPage()
    await signIn(page)
    const next = page.getByTestId('next-scheduled-send')
    await next.waitFor({ timeout: 30_000 })
    expect(await next.textContent()).toMatch(/Mindful Moments: Thursday, .+ 08:00 .*every two weeks/)
    await page.close()
  })

  it(
    'previews it at desktop and phone widths, sends a test to themself, then sends it to every reader',
    { timeout: 180_000 },
    async () => {
      const { docs } = (await (await api('articles?limit=1')).json()) as { docs: Array<{ id: number }> }
      const created = await api('editions', {
        method: 'POST',
        body: JSON.stringify({
          subject: 'Mindful Moments #1: Trust',
          preheader: 'Trust, rebuilt one small step at a time.',
          intro: 'A fortnight of trust.',
          articles: [docs[0].id],
        }),
      })
      expect(created.status, await created.clone().text()).toBe(201)
      const { doc: edition } = (await created.json()) as { doc: { id: number; number: number } }
      expect(edition.number).toBe(1)

      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
      await signIn(page)
      await openEdition(page, edition.id)
      const preview = page.frameLocator('iframe[title="Email preview"]')
      await preview.getByText('A fortnight of trust.').waitFor({ timeout: 30_000 })
      // As a reader without a first name sees it.
      expect(await preview.getByText(/^Hi /).first().textContent()).toBe('Hi there,')
      expect(
        await page.locator('iframe[title="Email preview"]').evaluate((frame) => frame.getBoundingClientRect().width),
      ).toBe(720)
      await page.getByRole('button', { name: 'Mobile' }).click()
      expect(
        await page.locator('iframe[title="Email preview"]').evaluate((frame) => frame.getBoundingClientRect().width),
      ).toBe(375)
      await page.screenshot({ path: path.join(ARTIFACTS, 'edition-preview-mobile.png') })

      await page.getByRole('button', { name: 'Send a test to me' }).click()
      await page.getByRole('status').filter({ hasText: 'A test is on its way' }).waitFor({ timeout: 30_000 })
      const test = await sink.messageTo(EDITOR.email, /^\[TEST\] Mindful Moments #1: Trust$/)
      expect(test.envelopeTo).toEqual([EDITOR.email])
      // The editor's note and preheader as written; greeted as a reader with the editor's first name.
      expect(test.parsed.html).toContain('Hi Edie,')
      expect(test.parsed.html).toContain('A fortnight of trust.')
      expect(test.parsed.html).toMatch(/<div style="display:none;[^"]*">Trust, rebuilt one small step at a time\./)
      expect(READERS.some((reader) => sink.messages.some((m) => m.envelopeTo.includes(reader)))).toBe(false)

      page.once('dialog', (dialog) => void dialog.accept())
      await page.getByRole('button', { name: 'Send now' }).click()
      await expect
        .poll(
          async () =>
            (await page
              .getByTestId('edition-progress')
              .textContent({ timeout: 1_000 })
              .catch(() => '')) ?? '',
          { timeout: 90_000 },
        )
        .toMatch(/^Sent: 2 sent, 0 failed, 0 skipped of 2 readers/)
      await page.screenshot({ path: path.join(ARTIFACTS, 'edition-sent.png') })
      // The frozen HTML shows as text: the admin loads nothing from a third party (no code
      // editor from a CDN, which this machine could not reach anyway).
      const elsewhere: string[] = []
      page.on('request', (request) => {
        if (/^https?:/.test(request.url()) && !request.url().startsWith(app.url)) elsewhere.push(request.url())
      })
      await page.reload()
      const frozen = page.getByTestId('read-only-html')
      await frozen.waitFor({ timeout: 30_000 })
      expect(await frozen.textContent()).toContain('<!doctype html>')
      await frozen.scrollIntoViewIfNeeded()
      await page.screenshot({ path: path.join(ARTIFACTS, 'edition-snapshot.png') })
      expect(elsewhere).toEqual([])
      for (const reader of READERS) {
        const message = await sink.messageTo(reader, /^Mindful Moments #1: Trust$/)
        expect(message.envelopeTo).toEqual([reader])
      }
      // Sent is final: the button is gone, and a second send is refused.
      expect(await page.getByRole('button', { name: 'Send now' }).count()).toBe(0)
      const again = await api(`editions/${edition.id}/send`, { method: 'POST' })
      expect(again.status).toBe(409)
      expect(((await again.json()) as { message: string }).message).toMatch(/cannot be sent again/)
    },
  )

  it('schedules an edition for later, and the dashboard lists it', { timeout: 90_000 }, async () => {
    const created = await api('editions', {
      method: 'POST',
      body: JSON.stringify({ subject: 'Mindful Moments #2: Later' }),
    })
    const { doc: edition } = (await created.json()) as { doc: { id: number } }
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await signIn(page)
    await openEdition(page, edition.id)
    await page.fill('#edition-schedule-at', '2030-01-03T09:00')
    await page.getByRole('button', { name: 'Schedule' }).click()
    const saved = async () =>
      (await (await api(`editions/${edition.id}`)).json()) as { status: string; scheduledFor: string }
    await expect.poll(async () => (await saved()).status, { timeout: 30_000 }).toBe('scheduled')
    await page.getByText('Scheduled', { exact: true }).first().waitFor({ timeout: 30_000 })
    expect(new Date((await saved()).scheduledFor).getUTCFullYear()).toBe(2030)
    // Not a single article yet: the preview says so instead of staying blank.
    await page
      .frameLocator('iframe[title="Email preview"]')
      .getByText('no published articles and no letter yet')
      .waitFor({ timeout: 30_000 })
    await page.goto(`${app.url}/admin`)
    await page.getByText('#2 Mindful Moments #2: Later').waitFor({ timeout: 30_000 })
    expect(await page.locator('.mindful-next-send').textContent()).toContain('scheduled for Thursday, January 3')
    await page.close()
  })

  it('keeps the edition tools from anyone not signed in', async () => {
    for (const [method, tool] of [
      ['GET', 'preview'],
      ['POST', 'test'],
      ['POST', 'send'],
      ['GET', 'progress'],
    ]) {
      const response = await fetch(`${app.url}/api/editions/1/${tool}`, { method })
      // Writes are refused before their body is read (401); reads by the endpoint itself (403).
      expect(response.status, tool).toBe(method === 'POST' ? 401 : 403)
    }
    expect((await api('editions/999999/progress')).status).toBe(404)
  })
})
