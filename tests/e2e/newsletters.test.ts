import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, loginAs, startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, lookAtPage, seriousAccessibilityProblems, submitForm } from '../helpers/browser'
import { linkIn, startSmtpSink, type SmtpSink } from '../helpers/smtpSink'

/**
 * Several newsletters as a reader meets them, on the production build with the real worker
 * and an SMTP server on loopback: the sign-up box offering two, the manage page ticking them,
 * a special edition written as a letter (screenshots at phone and desktop width, light and
 * dark), and its unsubscribe page leaving that one newsletter.
 */

const MAYA = 'maya@readers.test'

let app: RunningApp
let sink: SmtpSink
let browser: Browser
let admin: { authorization: string }
let manage = ''

beforeAll(async () => {
  sink = await startSmtpSink()
  ;[app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url }, { worker: true }), launchChromium()])
  admin = await loginAs(app, ADMIN)
  const created = await fetch(`${app.url}/api/newsletters`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Love Letters',
      slug: 'love-letters',
      description: 'Now and then, a letter from the editors: announcements, themed issues, calls for guest writers.',
      cadence: 'manual',
    }),
  })
  expect(created.status, await created.clone().text()).toBe(201)
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sink?.close()
})

const lookAt = (url: string, name: string) => lookAtPage(browser, url, name)

const newslettersOf = async (email: string) => {
  const { docs } = await fetch(`${app.url}/api/subscribers?where[email][equals]=${email}&depth=1`, {
    headers: admin,
  }).then((r) => r.json())
  return (docs[0]?.newsletters ?? []).map((newsletter: { slug: string }) => newsletter.slug).sort()
}

describe('a reader choosing newsletters', () => {
  it(
    'signs up for both from the /newsletter page, Mindful Moments ticked by default',
    { timeout: 90_000 },
    async () => {
      await lookAt(`${app.url}/newsletter`, 'newsletter-page')
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
      await page.goto(`${app.url}/newsletter`)
      const box = page.locator('main form.signup-form')
      expect(await box.getByLabel(/Mindful Moments/).isChecked()).toBe(true)
      expect(await box.getByLabel(/Love Letters/).isChecked()).toBe(false)
      await box.getByLabel('Email address').fill(MAYA)
      await box.getByLabel(/Love Letters/).check()
      await submitForm(page, 'Sign up', box)
      expect(page.url()).toContain('/newsletter/check-inbox')
      await page.close()
      const confirmation = await sink.messageTo(MAYA, /confirm your subscription/)
      expect(confirmation.parsed.subject).toBe('Please confirm your subscription to Love Letters and Mindful Moments')
      expect((await fetch(linkIn(confirmation, '/newsletter/confirm'), { method: 'POST' })).status).toBe(200)
      expect(await newslettersOf(MAYA)).toEqual(['love-letters', 'mindful-moments'])
      const welcome = await sink.messageTo(MAYA, /welcome/i)
      manage = linkIn(welcome, '/newsletter/manage')
    },
  )

  it('sees both on the manage page and keeps only Love Letters', { timeout: 60_000 }, async () => {
    await lookAt(manage, 'manage-newsletters')
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(manage)
    await page.getByLabel(/Mindful Moments/).uncheck()
    await submitForm(page, 'Save my newsletters')
    expect(await page.getByRole('status').textContent()).toBe('Saved. You get Love Letters.')
    expect(await page.getByLabel(/Mindful Moments/).isChecked()).toBe(false)
    await page.getByLabel(/Love Letters/).uncheck()
    await submitForm(page, 'Save my newsletters')
    expect(await page.getByRole('alert').textContent()).toBe(
      'Tick at least one newsletter. To get none at all, unsubscribe below.',
    )
    await page.close()
    expect(await newslettersOf(MAYA)).toEqual(['love-letters'])
  })

  it(
    'gets a special edition written as a letter, which looks right on a phone and a desktop, light and dark',
    { timeout: 120_000 },
    async () => {
      const { docs } = await fetch(`${app.url}/api/newsletters?where[slug][equals]=love-letters`).then((r) => r.json())
      const paragraph = (text: string) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
      })
      const created = await fetch(`${app.url}/api/editions`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          subject: 'Write for us: stories of trust, rebuilt',
          preheader: 'We are looking for guest writers.',
          newsletter: docs[0].id,
          letter: {
            root: {
              type: 'root',
              version: 1,
              direction: 'ltr',
              format: '',
              indent: 0,
              children: [
                paragraph('This season we are looking for guest writers who have rebuilt trust after it broke.'),
                paragraph('Send us a few lines about your story from the contribute page. We read every one.'),
              ],
            },
          },
        }),
      })
      expect(created.status, await created.clone().text()).toBe(201)
      const { doc } = await created.json()
      expect((await fetch(`${app.url}/api/editions/${doc.id}/send`, { method: 'POST', headers: admin })).status).toBe(
        202,
      )
      const letter = await sink.messageTo(MAYA, /Write for us/)
      expect(letter.envelopeTo).toEqual([MAYA])
      expect(letter.parsed.text).toContain('looking for guest writers who have rebuilt trust')
      const html = letter.parsed.html as string
      for (const width of [375, 600])
        for (const colorScheme of ['light', 'dark'] as const) {
          const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme })
          await page.setContent(html, { waitUntil: 'load' })
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
          await page.screenshot({
            path: path.join(ARTIFACTS, `special-edition-${width}-${colorScheme}.png`),
            fullPage: true,
          })
          await page.close()
        }
      const context = await browser.newContext({ viewport: { width: 600, height: 900 } })
      const page = await context.newPage()
      await page.setContent(html, { waitUntil: 'load' })
      expect(await seriousAccessibilityProblems(page)).toEqual([])
      await context.close()

      // Its unsubscribe link leaves Love Letters, and says so.
      const unsubscribe = /https?:\/\/\S+\/newsletter\/unsubscribe\?token=[\w.~-]+&newsletter=love-letters/.exec(
        letter.parsed.text ?? '',
      )?.[0]
      if (!unsubscribe) throw new Error(`no unsubscribe link for Love Letters in:\n${letter.parsed.text}`)
      expect(await fetch(unsubscribe).then((r) => r.text())).toContain('Leave Love Letters?')
      await lookAt(unsubscribe, 'unsubscribe-one-newsletter')
    },
  )
})
