import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium } from '../helpers/browser'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'

let app: RunningApp
let sink: SmtpSink
let browser: Browser

beforeAll(async () => {
  sink = await startSmtpSink()
  ;[app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url }, { worker: true }), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sink?.close()
})

describe('a reader in the browser', () => {
  it('reads the seed article with its pull quotes and author box', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(`${app.url}/`)
    await page.getByRole('link', { name: 'How to Regain a Partner’s Lost Trust' }).click()
    await page.waitForURL(/\/articles\/how-to-regain-a-partners-lost-trust$/)
    expect(await page.locator('h1').textContent()).toBe('How to Regain a Partner’s Lost Trust')
    expect(await page.locator('.pull-quote figcaption').first().textContent()).toBe('— George MacDonald')
    expect(await page.locator('.author-box .author-name').allTextContents()).toEqual([
      'Alinn Smith',
      'Guest Contributor',
    ])
    expect(await page.locator('.article-body h2').count()).toBe(7)
    await page.screenshot({ path: path.join(ARTIFACTS, 'reader-article-mobile.png'), fullPage: false })
  })

  it(
    'signs up on /newsletter, follows the link in the email and sees the success message',
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 } })
      await page.goto(`${app.url}/newsletter`)
      const form = page.locator('main form.signup-form')
      await form.getByLabel('Email address').fill('browser.reader@example.org')
      await form.getByLabel('First name (optional)').fill('Rea')
      await form.getByRole('button', { name: 'Sign up' }).click()
      await page.waitForURL(`${app.url}/newsletter/check-inbox`)
      expect(await page.locator('h1').textContent()).toBe('Check your inbox')

      await expect
        .poll(() => sink.messages.find((m) => m.envelopeTo.includes('browser.reader@example.org')), { timeout: 20_000 })
        .toBeTruthy()
      const email = sink.messages.find((m) => m.envelopeTo.includes('browser.reader@example.org'))!
      const link = /https?:\/\/\S+\/newsletter\/confirm\?token=[\w.-]+/.exec(email.parsed.text ?? '')![0]
      await page.goto(link)
      // A page with one button: opening the link (as a mail scanner does) confirms nothing.
      expect(await page.locator('h1').textContent()).toBe('One more click')
      await page.screenshot({ path: path.join(ARTIFACTS, 'reader-confirm-question.png'), fullPage: false })
      const viewport = page.viewportSize()
      await page.setViewportSize({ width: 390, height: 800 })
      await page.screenshot({ path: path.join(ARTIFACTS, 'reader-confirm-question-phone.png'), fullPage: false })
      if (viewport) await page.setViewportSize(viewport)
      await page.getByRole('button', { name: 'Yes, subscribe me' }).click()
      await page.waitForLoadState()
      expect(await page.locator('h1').textContent()).toBe('You have Successfully Subscribed!')
      await page.screenshot({ path: path.join(ARTIFACTS, 'reader-subscribed.png'), fullPage: false })
    },
  )
})
