import path from 'node:path'
import type { Browser } from 'playwright-core'
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
import { waitFor } from '../helpers/waitFor'

/**
 * The insights as an editor sees them, and the pages readers meet around them (the feedback
 * question, the public list of what we count), in Chromium at phone and desktop widths, with
 * a sent edition, clicks, feedback, views and sign-ups behind them.
 */

const BROWSER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
const WIDTHS = [390, 1280]

let app: RunningApp
let sink: SmtpSink
let browser: Browser
let editor: { authorization: string }
let feedbackLink: string

beforeAll(async () => {
  sink = await startSmtpSink()
  ;[app, browser] = await Promise.all([
    startApp({ SMTP_URL: sink.url, INSIGHTS_MIN_COUNT: '2', INSIGHTS_ROLLUP_INTERVAL_MS: '2000' }, { worker: true }),
    launchChromium(),
  ])
  const admin = await loginAs(app, ADMIN)
  editor = await signInEditor(app)
  for (const name of ['ana', 'ben', 'cy', 'dee']) await createActiveReader(app, admin, `${name}@readers.test`)
  const { docs: authors } = await (await apiAs(app, admin, 'authors?limit=1&depth=0')).json()
  const stories: number[] = []
  for (const title of ['Listening Without Fixing', 'Small Rituals for Busy Couples']) {
    const created = await apiAs(app, admin, 'articles', {
      method: 'POST',
      body: JSON.stringify({ title, dek: 'For the insights view.', authors: [authors[0].id], _status: 'published' }),
    })
    stories.push((await created.json()).doc.id)
  }
  const { docs: seed } = await (
    await apiAs(app, admin, 'articles?where[slug][equals]=how-to-regain-a-partners-lost-trust&depth=0')
  ).json()
  const created = await apiAs(app, editor, 'editions', {
    method: 'POST',
    body: JSON.stringify({ subject: 'Listening, rituals and trust', articles: [seed[0].id, ...stories] }),
  })
  const editionId = (await created.json()).doc.id
  await apiAs(app, editor, `editions/${editionId}/send`, { method: 'POST' })
  await waitFor(
    async () => (await (await apiAs(app, editor, `editions/${editionId}?depth=0`)).json()).status === 'sent',
    'the edition to be sent',
    60_000,
    250,
  )
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sink?.close()
})

describe('insights', () => {
  it('come from readers’ clicks, feedback, views and sign-ups', { timeout: 90_000 }, async () => {
    const digest = await sink.messageTo('ana@readers.test', /Listening, rituals and trust/)
    const html = String(digest.parsed.html)
    const reads = [...new Set(html.match(/https?:\/\/[^"]+\/r\/\d+\/\d+\/[\w-]{16}/g))]
    const feedback = [...new Set(html.match(/https?:\/\/[^"]+\/f\/\d+\/\d+\/(?:more|less)\/[\w-]{16}/g))]
    expect(reads).toHaveLength(3)
    feedbackLink = feedback[0]
    let client = 10
    const from = () => ({ 'user-agent': BROWSER_AGENT, 'x-forwarded-for': `198.51.100.${client++}` })
    // Four readers follow the lead story, two the second, one the third (shown as "fewer than 2").
    for (const [link, times] of [
      [reads[0], 4],
      [reads[1], 2],
      [reads[2], 1],
    ] as const)
      for (let i = 0; i < times; i++) await fetch(link, { redirect: 'manual', headers: from() })
    for (let i = 0; i < 3; i++) await fetch(feedback[0], { method: 'POST', headers: { ...from() } })
    await fetch(feedback[3], { method: 'POST', headers: { ...from() } })
    for (let i = 0; i < 5; i++)
      await fetch(`${app.url}/articles/how-to-regain-a-partners-lost-trust`, { headers: from() })
    for (const email of ['eve@readers.test', 'fin@readers.test'])
      await fetch(`${app.url}/api/newsletter/subscribe`, {
        method: 'POST',
        headers: { ...from(), 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      })
    await waitFor(
      async () => {
        const { articles } = await (await apiAs(app, editor, 'insights/articles?days=7')).json()
        return articles.some((article: { views: unknown }) => article.views === 5)
      },
      'the views to be counted',
      15_000,
      250,
    )
  })

  it(
    'show editors charts of the list, the stories read and each edition, at phone and desktop widths',
    { timeout: 90_000 },
    async () => {
      for (const width of WIDTHS) {
        const page = await browser.newPage({ viewport: { width, height: 900 } })
        await logInToAdmin(page, app.url, EDITOR)
        await page.goto(`${app.url}/admin/insights?days=7`)
        await page.getByRole('heading', { name: 'Insights' }).waitFor({ timeout: 30_000 })
        const text = await page.locator('main, .template-default').first().innerText()
        expect(text).toContain('Latest editions')
        expect(text).toContain('#1: Listening, rituals and trust')
        expect(text).toContain('4 delivered')
        expect(await page.locator('figure.insight-chart').count()).toBeGreaterThanOrEqual(5)
        expect(await page.locator('figure.insight-chart svg rect').count()).toBeGreaterThan(0)
        const chartText = (await page.locator('figure.insight-chart').allTextContents()).join(' ')
        expect(chartText).toContain('4 clicks')
        expect(chartText).toContain('fewer than 2 clicks')
        expect(chartText).toContain('3 more like this')
        expect(chartText).toContain('5 views')
        // Nothing sideways at phone width: the charts scale with the page.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow).toBeLessThanOrEqual(1)
        await page.screenshot({ path: path.join(ARTIFACTS, `admin-insights-${width}.png`), fullPage: true })
        await page.close()
      }
    },
  )

  it('ask a reader who left why, with one optional click', { timeout: 60_000 }, async () => {
    // Eve and Fin signed up above; each leaves from the link in their confirmation email, one per width.
    for (const [width, email] of [
      [WIDTHS[0], 'eve@readers.test'],
      [WIDTHS[1], 'fin@readers.test'],
    ] as const) {
      const confirmation = await sink.messageTo(email, /confirm your subscription/)
      const unsubscribe = /https?:\/\/\S+\/newsletter\/unsubscribe\?token=[\w.-]+/.exec(
        confirmation.parsed.text ?? '',
      )![0]
      const page = await browser.newPage({ viewport: { width, height: 900 } })
      await page.goto(unsubscribe)
      await page.getByRole('button', { name: 'Unsubscribe' }).click()
      await page.getByRole('heading', { name: 'Would you tell us why?' }).waitFor()
      await page.screenshot({ path: path.join(ARTIFACTS, `unsubscribed-reasons-${width}.png`), fullPage: true })
      await page.getByRole('button', { name: 'I never signed up' }).click()
      await page.getByRole('heading', { name: 'Thank you' }).waitFor()
      await page.close()
    }
    await waitFor(
      async () => {
        const { newsletters } = await (await apiAs(app, editor, 'insights/newsletters?days=7')).json()
        return newsletters[0].unsubscribeReasons['never-signed-up'] === 2
      },
      'both reasons to be counted',
      15_000,
      250,
    )
  })

  it(
    'are listed for readers at /privacy/what-we-count, and feedback asks before it counts',
    { timeout: 60_000 },
    async () => {
      for (const width of WIDTHS) {
        const page = await browser.newPage({ viewport: { width, height: 900 } })
        await page.goto(`${app.url}/privacy/what-we-count`)
        expect(await page.getByRole('heading', { name: 'What we count' }).isVisible()).toBe(true)
        await page.screenshot({ path: path.join(ARTIFACTS, `what-we-count-${width}.png`), fullPage: true })
        await page.goto(feedbackLink)
        await page.getByRole('button', { name: 'Yes, more like this' }).waitFor()
        await page.screenshot({ path: path.join(ARTIFACTS, `feedback-question-${width}.png`), fullPage: true })
        await page.close()
      }
    },
  )
})
