import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, logInToAdmin } from '../helpers/browser'

/**
 * An admin moving a list in as a person does: the file picked in the Subscribers list, a
 * progress bar that fills while the worker imports, the report, the rejected lines, and the
 * import's own page afterwards.
 */

let app: RunningApp
let browser: Browser

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startApp({}, { worker: true }), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const ROWS = 60_000
function listFile(): Buffer {
  const lines = ['email,firstName,consentGivenAt,consentSource,consentWording,confirmedAt']
  for (let i = 0; i < ROWS - 2; i++)
    lines.push(
      `moved-${i}@list.test,Reader ${i},2025-03-01T10:00:00Z,old tool,Send me Mindful Moments,2025-03-01T10:05:00Z`,
    )
  lines.push('not-an-address,,2025-03-01,old tool,,', 'no-consent@list.test,Nia,,,,')
  return Buffer.from(lines.join('\n'))
}

describe('an admin importing a list', () => {
  it('picks the file, watches the bar fill, and reads the report', { timeout: 180_000 }, async () => {
    const file = listFile()
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logInToAdmin(page, app.url, ADMIN)
    await page.goto(`${app.url}/admin/collections/subscribers`)
    await page.getByText('Import or export subscribers (CSV)').click()
    await page
      .getByLabel('CSV file of subscribers')
      .setInputFiles({ name: 'old-service.csv', mimeType: 'text/csv', buffer: file })

    // The bar is a measured one while the worker runs (how far into the file), not a spinner.
    const bar = page.getByRole('progressbar', { name: 'Import progress' })
    const report = page.getByTestId('import-report')
    const values: number[] = []
    await expect
      .poll(
        async () => {
          const value = await bar.getAttribute('value', { timeout: 100 }).catch(() => null)
          if (value !== null && Number(value) > 0 && !values.some((v) => v > 0))
            await page.screenshot({ path: path.join(ARTIFACTS, 'admin-import-running.png') })
          if (value !== null) values.push(Number(value))
          return report.textContent({ timeout: 100 }).catch(() => '')
        },
        { timeout: 150_000, interval: 200 },
      )
      .toMatch(/^Done/)
    expect(values.some((value) => value > 0 && value < 100)).toBe(true)
    expect(values).toEqual([...values].sort((a, b) => a - b))
    expect(await report.textContent()).toBe(
      `Done: 60,000 rows read of a ${(file.length / 1024 / 1024).toFixed(1)} MB file — 59,998 imported, 0 already there, 0 erased or complained earlier (skipped), 2 rejected.`,
    )
    expect(await bar.count()).toBe(0)
    // The list under the form, drawn before the import, now shows the readers it brought.
    await expect.poll(() => page.getByText(/^moved-\d+@list\.test$/).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-import-done.png') })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-import-done-phone.png') })
    await page.setViewportSize({ width: 1280, height: 900 })

    // The rejected lines, with their reasons, downloaded from the link in the report.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the rejected lines with their reasons (CSV)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^import-\d+-rejected\.csv$/)
    const rejected = readFileSync((await download.path())!, 'utf8')
    expect(rejected).toContain('not a valid email address')
    expect(rejected).toContain('no consent evidence')

    // The import's own page keeps the report.
    await page.goto(`${app.url}/admin/collections/subscriber-imports`)
    await page.locator('tr', { hasText: 'old-service.csv' }).getByRole('link').first().click()
    await expect
      .poll(() => page.getByTestId('import-report').textContent(), { timeout: 30_000 })
      .toMatch(/^Done: 60,000 rows read — 59,998 imported/)
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-import-record.png') })
  })
})
