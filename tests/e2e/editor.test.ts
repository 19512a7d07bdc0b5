import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EDITOR, loginAs, signInEditor, startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, logInToAdmin } from '../helpers/browser'

let app: RunningApp
let browser: Browser

async function guestSubmission(title: string): Promise<{ reference: string }> {
  const response = await fetch(`${app.url}/api/guest-submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${title.length}` },
    body: JSON.stringify({
      name: 'Guest',
      email: 'guest@example.org',
      bio: 'Bio',
      title,
      pitch: 'A pitch.',
      consent: true,
    }),
  })
  expect(response.status).toBe(201)
  return (await response.json()) as { reference: string }
}

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startApp(), launchChromium()])
  await signInEditor(app)
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('an editor in the review queue', () => {
  it('opens a submission and moves it with the decision buttons', { timeout: 120_000 }, async () => {
    const { reference } = await guestSubmission('A Story Worth Telling')
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logInToAdmin(page, app.url, EDITOR)

    await page.goto(`${app.url}/admin/collections/submissions`)
    const row = page.locator('tr', { hasText: reference })
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1)
    expect(await row.textContent()).toContain('today')
    await row.getByRole('link').first().click()
    await page.waitForURL(/\/admin\/collections\/submissions\/\d+/, { timeout: 30_000 })

    const decide = async (label: string, message?: string) => {
      const button = page.getByRole('button', { name: label })
      await button.waitFor({ timeout: 30_000 })
      if (message) await page.fill('#transition-message', message)
      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), button.click()])
    }
    expect(await page.getByRole('button', { name: 'Accept' }).count()).toBe(0)
    await decide('Start review')
    await decide('Request changes', 'Could you add an example?')
    await page.getByRole('button', { name: 'Start review' }).waitFor({ timeout: 30_000 })
    await page.screenshot({ path: path.join(ARTIFACTS, 'editor-review-queue.png'), fullPage: false })

    const headers = await loginAs(app, EDITOR)
    const { docs } = (await (
      await fetch(`${app.url}/api/submissions?where[reference][equals]=${reference}`, { headers })
    ).json()) as {
      docs: Array<{ status: string; history: Array<{ to: string; message?: string }> }>
    }
    expect(docs[0].status).toBe('changes_requested')
    expect(docs[0].history.map((h) => h.to)).toEqual(['received', 'in_review', 'changes_requested'])
    expect(docs[0].history.at(-1)?.message).toBe('Could you add an example?')
  })
})
