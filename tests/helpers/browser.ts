import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'

export const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts')

/** Debian's Chromium, driven by playwright-core; no browser is ever downloaded. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Logs in through the admin's own login form, as a person would, and waits for the dashboard. */
export async function logInToAdmin(
  page: Page,
  appUrl: string,
  credentials: { email: string; password: string },
): Promise<void> {
  await page.goto(`${appUrl}/admin/login`)
  await page.fill('#field-email', credentials.email)
  await page.fill('#field-password', credentials.password)
  await page.click('button[type="submit"]')
  await page.waitForURL(`${appUrl}/admin`, { timeout: 30_000 })
}

/** axe-core's serious and critical findings on the page as it stands, as "rule: help (nodes)" lines. */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright')
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)
}

/** A page at phone and desktop width: nothing runs wider than the screen, axe finds nothing serious, screenshots as `<name>-<width>.png`. */
export async function lookAtPage(browser: Browser, url: string, name: string): Promise<void> {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    await page.goto(url)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    expect(await seriousAccessibilityProblems(page)).toEqual([])
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true })
    await context.close()
  }
}

/** Clicks a form's button and waits for the page its POST answers with. */
export async function submitForm(page: Page, button: string | RegExp, within: Page | Locator = page): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    within.getByRole('button', { name: button }).click(),
  ])
  await page.waitForLoadState()
}
