import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, logInToAdmin } from '../helpers/browser'

let app: RunningApp
let browser: Browser

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startApp(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('an editor in the admin', () => {
  it('logs in and opens the seed article', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const foreignRequests: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http'))
        foreignRequests.push(url.href)
    })
    await logInToAdmin(page, app.url, ADMIN)
    const counts = page.locator('.mindful-subscriber-counts')
    await expect.poll(() => counts.locator('h2').textContent(), { timeout: 30_000 }).toBe('Readers, all newsletters')
    expect(await counts.locator('dt').allTextContents()).toEqual([
      'pending',
      'active',
      'unsubscribed',
      'bounced',
      'complained',
    ])
    expect(await counts.locator('[data-status="active"] dd').textContent()).toBe('0')
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-dashboard.png'), fullPage: false })

    await page.goto(`${app.url}/admin/collections/articles`)
    await page.getByRole('link', { name: 'How to Regain a Partner’s Lost Trust' }).first().click()
    await page.waitForURL(/\/admin\/collections\/articles\/\d+/, { timeout: 30_000 })

    const title = page.locator('#field-title')
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe('How to Regain a Partner’s Lost Trust')
    await expect.poll(() => page.getByText('Take Responsibility').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.getByText('Alinn Smith').count()).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-seed-article.png'), fullPage: false })
    // No tracking: the admin asks nothing of any host but our own (Payload's default avatar is Gravatar).
    expect(foreignRequests).toEqual([])
  })
})
