import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  ADMIN,
  apiAs,
  createEditionAs,
  createActiveReader,
  loginAs,
  signInEditor,
  startApp,
  type RunningApp,
} from '../helpers/app'
import { ARTIFACTS, launchChromium, logInToAdmin } from '../helpers/browser'
import { MAILGUN_KEY, mailgunEvent } from '../helpers/providers'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { waitFor } from '../helpers/waitFor'

/**
 * The brake, driven as it happens: an edition goes out at 20 messages a second while the
 * provider's complaint events come in through the real Mailgun webhook. Past the threshold the
 * edition pauses by itself, no new message starts, every admin is told; an admin resumes it
 * (the complaint already counted is forgiven, a new one pauses it again) or cancels it. In the
 * end every reader has the edition exactly once.
 */

const READERS = Array.from({ length: 160 }, (_, i) => `brake-reader-${String(i).padStart(3, '0')}@example.org`)
/** Messages per second (Settings): a batch of 20 a second, so the send lasts long enough to brake. */
const RATE = 20

let sink: SmtpSink
let app: RunningApp
let browser: Browser
let admin: { authorization: string }
let editor: { authorization: string }

const api = (who: { authorization: string } | undefined, pathname: string, init?: RequestInit) =>
  apiAs(app, who, pathname, init)

type EditionDoc = {
  id: number
  number: number
  status: string
  sendError?: string | null
  stats?: { sent?: number | null }
  brake?: { complaintsForgiven?: number | null; decision?: string | null; decidedBy?: string | null }
}
const edition = async (id: number) => (await (await api(admin, `editions/${id}?depth=0`)).json()) as EditionDoc

async function startEdition(subject: string): Promise<number> {
  const id = await createEditionAs(app, editor, subject)
  expect((await api(editor, `editions/${id}/send`, { method: 'POST' })).status).toBe(202)
  return id
}

/** The digest messages of one edition the sink accepted (their Message-IDs carry the edition's number). */
const messagesOf = (number: number) =>
  sink.messages.filter((message) => new RegExp(`^<mm${number}\\.`).test(message.parsed.messageId ?? ''))

/** A spam complaint about one of the edition's messages, as Mailgun posts it. */
async function complainAbout(number: number, index: number) {
  const message = messagesOf(number)[index]
  const response = await fetch(`${app.url}/api/email-events/mailgun`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      mailgunEvent({
        event: 'complained',
        recipient: message.envelopeTo[0],
        message: { headers: { 'message-id': message.parsed.messageId!.slice(1, -1) } },
      }),
    ),
  })
  expect(response.status).toBe(200)
}

async function statusBecomes(id: number, status: string) {
  return waitFor(
    async () => {
      const doc = await edition(id)
      return doc.status === status && doc
    },
    `edition ${id} to be ${status}`,
    60_000,
    100,
  ) as Promise<EditionDoc>
}

/** Waits until the sink's count of this edition's messages stays put for a while. */
async function settledCount(number: number): Promise<number> {
  let last = -1
  for (;;) {
    const now = messagesOf(number).length
    if (now === last) return now
    last = now
    await new Promise((resolve) => setTimeout(resolve, 2_500))
  }
}

beforeAll(async () => {
  sink = await startSmtpSink()
  ;[app, browser] = await Promise.all([
    startApp(
      {
        SMTP_URL: sink.url,
        MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY,
        BRAKE_MIN_MESSAGES: '20',
        RECONCILE_INTERVAL_MS: '60000',
      },
      { worker: true },
    ),
    launchChromium(),
  ])
  admin = await loginAs(app, ADMIN)
  editor = await signInEditor(app)
  for (const email of READERS) await createActiveReader(app, admin, email)
  const paced = await api(admin, 'globals/settings', {
    method: 'POST',
    body: JSON.stringify({ sendRatePerSecond: RATE }),
  })
  expect(paced.status).toBe(200)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sink?.close()
})

describe('the brake', () => {
  it(
    'pauses an edition on complaints past the threshold, tells the admins, resumes on their word, and pauses again on new ones',
    { timeout: 180_000 },
    async () => {
      const id = await startEdition('The brake: resumed')
      const { number } = await edition(id)
      await waitFor(() => messagesOf(number).length >= 2 * RATE, 'two batches to go out', 30_000, 50)

      await complainAbout(number, 0)
      const paused = await statusBecomes(id, 'paused')
      expect(paused.sendError).toMatch(
        /^Paused by the brake: 1 spam complaint for \d+ messages sent \([\d.]+ %, above 0\.1 %\)\.$/,
      )
      // No new message starts: at most the batch already under way finishes what it started.
      const atPause = await settledCount(number)
      expect(atPause).toBeLessThan(READERS.length)
      await new Promise((resolve) => setTimeout(resolve, 2_000))
      expect(messagesOf(number).length).toBe(atPause)

      // Every admin is told, one message each, with the figures.
      const notice = await waitFor(
        () => sink.messages.find((message) => message.parsed.subject?.startsWith('Sending paused:')),
        'the admins to be told',
        30_000,
      )
      expect(notice.envelopeTo).toEqual([ADMIN.email])
      expect(notice.parsed.text).toContain('1 spam complaint for')
      // The notice as an admin's mail app shows it, at phone and desktop widths.
      for (const width of [390, 1280]) {
        const view = await browser.newPage({ viewport: { width, height: 900 } })
        await view.setContent(notice.parsed.html || '')
        expect(await view.getByRole('link', { name: 'Open the edition' }).getAttribute('href')).toBe(
          `${app.url}/admin/collections/editions/${id}`,
        )
        expect(await view.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
        await view.screenshot({ path: path.join(ARTIFACTS, `email-brake-notice-${width}.png`), fullPage: true })
        await view.close()
      }

      // The progress endpoint says so too, and editors cannot decide.
      expect(((await (await api(editor, `editions/${id}/progress`)).json()) as { status: string }).status).toBe(
        'paused',
      )
      expect((await api(editor, `editions/${id}/resume`, { method: 'POST' })).status).toBe(403)
      expect((await api(editor, `editions/${id}/cancel`, { method: 'POST' })).status).toBe(403)
      expect((await api(undefined, `editions/${id}/resume`, { method: 'POST' })).status).toBe(401)

      // A look at the edition's page while it is paused, as an admin sees it.
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
      await logInToAdmin(page, app.url, ADMIN)
      await page.goto(`${app.url}/admin/collections/editions/${id}`)
      await page.getByTestId('edition-paused').waitFor({ timeout: 30_000 })
      expect(await page.getByTestId('edition-paused').textContent()).toContain('Paused by the brake')
      expect(await page.getByRole('button', { name: 'Resume sending' }).isVisible()).toBe(true)
      await page.getByTestId('edition-paused').scrollIntoViewIfNeeded()
      await page.screenshot({ path: path.join(ARTIFACTS, 'admin-edition-paused.png') })
      await page.close()

      const resumed = await api(admin, `editions/${id}/resume`, { method: 'POST' })
      expect(resumed.status).toBe(202)
      expect(await edition(id)).toMatchObject({
        status: 'sending',
        sendError: null,
        brake: { complaintsForgiven: 1, decision: 'resumed', decidedBy: ADMIN.email },
      })
      // The complaint already counted does not pause it again; a new one does.
      await waitFor(() => messagesOf(number).length >= atPause + 2 * RATE, 'more batches after resuming', 30_000, 50)
      expect((await edition(id)).status).toBe('sending')
      await complainAbout(number, 1)
      await statusBecomes(id, 'paused')
      expect((await api(admin, `editions/${id}/resume`, { method: 'POST' })).status).toBe(202)

      await statusBecomes(id, 'sent')
      const recipients = messagesOf(number).map((message) => message.envelopeTo[0])
      expect(recipients.length).toBe(READERS.length)
      expect(new Set(recipients).size).toBe(READERS.length)
    },
  )

  it(
    'lets an admin cancel a paused edition: nobody else gets it, what went out stays counted',
    { timeout: 120_000 },
    async () => {
      const id = await startEdition('The brake: cancelled')
      const { number } = await edition(id)
      await waitFor(() => messagesOf(number).length >= 2 * RATE, 'two batches to go out', 30_000, 50)
      await complainAbout(number, 0)
      await statusBecomes(id, 'paused')
      const atPause = await settledCount(number)

      const cancelled = await api(admin, `editions/${id}/cancel`, { method: 'POST' })
      expect(cancelled.status).toBe(200)
      const doc = await edition(id)
      expect(doc).toMatchObject({ status: 'cancelled', brake: { decision: 'cancelled', decidedBy: ADMIN.email } })
      expect(doc.stats?.sent).toBe(atPause)
      // Cancelled is final: it cannot be resumed or sent again.
      expect((await api(admin, `editions/${id}/resume`, { method: 'POST' })).status).toBe(409)
      expect((await api(editor, `editions/${id}/send`, { method: 'POST' })).status).toBe(409)
      await new Promise((resolve) => setTimeout(resolve, 3_000))
      expect(messagesOf(number).length).toBe(atPause)
    },
  )

  it('leaves its own record and the paces to the system and admins: nobody writes them through the API, anonymous visitors do not read them', async () => {
    const id = await createEditionAs(app, editor, 'The brake: untouchable')
    const planted = await api(admin, `editions/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ brake: { complaintsForgiven: 99, decidedBy: 'someone' } }),
    })
    expect(planted.status).toBe(200)
    expect((await edition(id)).brake ?? {}).not.toMatchObject({ complaintsForgiven: 99 })
    expect((await edition(id)).brake?.decidedBy ?? null).toBeNull()

    const paces = { warmupPlan: '500,1000', smtpRate: '1000/s' }
    expect((await api(editor, 'globals/settings', { method: 'POST', body: JSON.stringify(paces) })).status).toBe(403)
    const refused = await api(admin, 'globals/settings', {
      method: 'POST',
      body: JSON.stringify({ warmupPlan: 'lots' }),
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('messages per day as whole numbers')
    expect((await api(admin, 'globals/settings', { method: 'POST', body: JSON.stringify(paces) })).status).toBe(200)
    const seen = async (who: { authorization: string } | undefined) =>
      (await (await api(who, 'globals/settings')).json()) as Record<string, unknown>
    expect(await seen(admin)).toMatchObject(paces)
    expect(await seen(editor)).toMatchObject(paces)
    const anonymous = await seen(undefined)
    for (const field of ['warmupPlan', 'smtpRate', 'warmupStartedOn']) expect(anonymous).not.toHaveProperty(field)
    await api(admin, 'globals/settings', { method: 'POST', body: JSON.stringify({ warmupPlan: '', smtpRate: '' }) })
  })
})
