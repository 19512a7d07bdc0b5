import path from 'node:path'

import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium } from '../helpers/browser'

/**
 * Every kind of reader page as a person meets it in Chromium, on a phone and a desktop:
 * screenshots for a human to look at, axe-core for what a screen reader or a keyboard user
 * needs, and the browser's own console for anything the security policy blocked.
 */

let app: RunningApp
let browser: Browser

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startApp(), launchChromium()])
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const PAGES: { name: string; path: string; status?: number }[] = [
  { name: 'home', path: '/' },
  { name: 'article', path: '/articles/how-to-regain-a-partners-lost-trust' },
  { name: 'author', path: '/authors/alinn-smith' },
  { name: 'category', path: '/categories/dating-and-relationships' },
  { name: 'newsletter', path: '/newsletter' },
  { name: 'contribute', path: '/contribute' },
  { name: 'archive', path: '/newsletter/archive' },
  { name: 'not-found', path: '/articles/no-such-story', status: 404 },
]

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
]

async function open(
  viewport: (typeof VIEWPORTS)[number],
  url: string,
): Promise<{ page: Page; blocked: string[]; status: number | undefined }> {
  // axe-core needs a page of its own context.
  const page = await (await browser.newContext({ viewport })).newPage()
  const blocked: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      blocked.push(message.text())
  })
  const response = await page.goto(url, { waitUntil: 'networkidle' })
  return { page, blocked, status: response?.status() }
}

describe('every reader page type', () => {
  for (const { name, path: address, status = 200 } of PAGES) {
    it(
      `${name}: renders on phone and desktop, passes axe-core, runs under its security policy`,
      { timeout: 90_000 },
      async () => {
        for (const viewport of VIEWPORTS) {
          const { page, blocked, status: answered } = await open(viewport, `${app.url}${address}`)
          expect(answered).toBe(status)
          await page.screenshot({ path: path.join(ARTIFACTS, `site-${name}-${viewport.name}.png`), fullPage: true })
          const { violations, passes } = await new AxeBuilder({ page }).analyze()
          const serious = violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)
          expect(serious, `${name} at ${viewport.name}`).toEqual([])
          expect(passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang']))
          expect(blocked, `${name}: blocked by the policy`).toEqual([])
          await page.context().close()
        }
      },
    )
  }

  it('shows where the keyboard is: the skip link first, then a visible focus ring', { timeout: 60_000 }, async () => {
    const { page } = await open(VIEWPORTS[1]!, `${app.url}/articles/how-to-regain-a-partners-lost-trust`)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the content')
    await page.keyboard.press('Tab')
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!)
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) }
    })
    expect(outline.style).not.toBe('none')
    expect(outline.width).toBeGreaterThanOrEqual(2)
    await page.context().close()
  })

  it('lazy-loads pictures below the fold and loads the hero at once', { timeout: 60_000 }, async () => {
    const { page } = await open(VIEWPORTS[0]!, `${app.url}/articles/how-to-regain-a-partners-lost-trust`)
    const hero = page.locator('figure.hero img')
    expect(await hero.getAttribute('loading')).toBe('eager')
    expect(await hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    await page.context().close()
  })
})
