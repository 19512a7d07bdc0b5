import { readFileSync } from 'node:fs'
import path from 'node:path'
import { DateTime } from 'luxon'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, loginAs, startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, lookAtPage, submitForm } from '../helpers/browser'
import { linkIn, startSmtpSink, type CapturedMessage, type SmtpSink } from '../helpers/smtpSink'

/**
 * A reader chooses their topics, takes a break and then takes their data away, on the production build with the
 * real worker and an SMTP server on loopback: the digest's "Pause" link, the pause and
 * manage pages (screenshots at phone and desktop width, axe), editions bringing only their
 * topics' stories, skipping and then reaching them, the JSON download and the erasure, and every door a link must keep shut.
 */

const RAVI = 'ravi@readers.test'
const OLA = 'ola@readers.test'

let app: RunningApp
let sink: SmtpSink
let browser: Browser
let admin: { authorization: string }
let articleId: number
let editions = 0
let timezone: string
const links: { pause: string; manage: string; unsubscribe: string } = { pause: '', manage: '', unsubscribe: '' }

beforeAll(async () => {
  sink = await startSmtpSink()
  ;[app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url }, { worker: true }), launchChromium()])
  admin = await loginAs(app, ADMIN)
  const found = await fetch(`${app.url}/api/articles?where[slug][equals]=how-to-regain-a-partners-lost-trust&depth=0`)
  articleId = (await found.json()).docs[0].id
  timezone = (await fetch(`${app.url}/api/globals/settings`).then((r) => r.json())).timezone
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sink?.close()
})

async function subscribe(email: string) {
  const signUp = await fetch(`${app.url}/api/newsletter/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  })
  expect(signUp.status).toBe(202)
  const confirmation = await sink.messageTo(email, /confirm your subscription/)
  const confirm = linkIn(confirmation, '/newsletter/confirm')
  expect((await fetch(confirm, { method: 'POST' })).status).toBe(200)
}

/** An edition of the seed article (or of `articles`), sent now; answers who received it. */
async function sendEdition(articles = [articleId]): Promise<CapturedMessage[]> {
  editions++
  const created = await fetch(`${app.url}/api/editions`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: `Mindful Moments #${editions}: Trust`, articles }),
  })
  expect(created.status, await created.clone().text()).toBe(201)
  const { doc } = await created.json()
  expect((await fetch(`${app.url}/api/editions/${doc.id}/send`, { method: 'POST', headers: admin })).status).toBe(202)
  await expect
    .poll(
      async () =>
        (await fetch(`${app.url}/api/editions/${doc.id}?depth=0`, { headers: admin }).then((r) => r.json())).status,
      { timeout: 60_000, interval: 250 },
    )
    .toBe('sent')
  return sink.messages.filter((m) => (m.parsed.subject ?? '').startsWith(`Mindful Moments #${editions}:`))
}

const recipientsOf = (messages: CapturedMessage[]) => messages.flatMap((m) => m.envelopeTo).sort()

const lookAt = (url: string, name: string) => lookAtPage(browser, url, name)

/** "Wednesday 30 December 2026" for `days` from now, and the day after (the test may cross midnight). */
const daysFromNow = (days: number) =>
  [0, 1].map((extra) =>
    DateTime.now()
      .plus({ days: days + extra })
      .setZone(timezone)
      .setLocale('en-GB')
      .toFormat('cccc d LLLL yyyy'),
  )

describe('a reader who needs a break', () => {
  it('finds "Pause" in every digest’s footer, beside manage and unsubscribe', { timeout: 90_000 }, async () => {
    await subscribe(RAVI)
    await subscribe(OLA)
    const received = await sendEdition()
    expect(recipientsOf(received)).toEqual([OLA, RAVI])
    const digest = received.find((m) => m.envelopeTo.includes(RAVI))!
    links.pause = linkIn(digest, '/newsletter/pause')
    links.manage = linkIn(digest, '/newsletter/manage')
    links.unsubscribe = linkIn(digest, '/newsletter/unsubscribe')
    expect(digest.parsed.html).toMatch(/>Pause<\/a>/)
    // The unsubscribe page offers the break too.
    expect(await fetch(links.unsubscribe).then((r) => r.text())).toContain('Pause your emails for a few weeks')
    await lookAt(links.unsubscribe, 'unsubscribe-question')
  })

  it('sees the choice on GET, which changes nothing (scanners follow links)', { timeout: 60_000 }, async () => {
    await fetch(`${links.pause}&weeks=8`)
    const page = await fetch(links.pause).then((r) => r.text())
    expect(page).toContain('Take a break from Mindful Moments')
    for (const weeks of [2, 4, 8]) expect(page).toContain(`Pause for ${weeks} weeks`)
    expect(page).not.toContain('paused until')
    await lookAt(links.pause, 'pause-page')
  })

  it('pauses for 4 weeks with one click, and the next edition skips them', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(links.pause)
    await submitForm(page, 'Pause for 4 weeks')
    expect(await page.locator('h1').textContent()).toBe('Your emails are paused')
    const until = await page.locator('main strong').textContent()
    expect(daysFromNow(28)).toContain(until)
    await page.screenshot({ path: path.join(ARTIFACTS, 'pause-done-390.png'), fullPage: true })
    await page.close()

    expect(recipientsOf(await sendEdition())).toEqual([OLA])
  })

  it('sees until when on the manage page, and resumes now', { timeout: 90_000 }, async () => {
    const text = await fetch(links.manage).then((r) => r.text())
    expect(text).toMatch(new RegExp(`paused until <strong>(${daysFromNow(28).join('|')})</strong>`))
    await lookAt(links.manage, 'manage-paused')

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(links.manage)
    await submitForm(page, 'Resume now')
    expect(await page.locator('h1').textContent()).toBe('Welcome back')
    await page.close()
    expect(await fetch(links.manage).then((r) => r.text())).not.toContain('paused until')

    expect(recipientsOf(await sendEdition())).toEqual([OLA, RAVI])
  })

  it('picks topics on the manage page: the next edition brings only their stories', { timeout: 90_000 }, async () => {
    const { docs: topics } = await fetch(`${app.url}/api/categories?sort=name`).then((r) => r.json())
    const seedTopic = (
      await fetch(`${app.url}/api/articles/${articleId}?depth=1`, { headers: admin }).then((r) => r.json())
    ).category
    const otherTopic = topics.find((topic: { id: number }) => topic.id !== seedTopic.id)
    const created = await fetch(`${app.url}/api/articles`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'What a Guest Writer Learned About Listening',
        dek: 'Listening, from a guest.',
        category: otherTopic.id,
        authors: [(await fetch(`${app.url}/api/authors?limit=1`, { headers: admin }).then((r) => r.json())).docs[0].id],
        _status: 'published',
      }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const guestStory = (await created.json()).doc

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(links.manage)
    await page.getByLabel(otherTopic.name).check()
    await submitForm(page, 'Save my topics')
    expect(await page.getByRole('status').textContent()).toBe(
      `Saved. Your digest brings only stories about ${otherTopic.name}.`,
    )
    expect(await page.getByLabel(otherTopic.name).isChecked()).toBe(true)
    expect(await page.getByLabel(seedTopic.name).isChecked()).toBe(false)
    await page.close()
    await lookAt(links.manage, 'manage-topics')

    const received = await sendEdition([articleId, guestStory.id])
    expect(recipientsOf(received)).toEqual([OLA, RAVI])
    const mine = received.find((m) => m.envelopeTo.includes(RAVI))!.parsed.text ?? ''
    const theirs = received.find((m) => m.envelopeTo.includes(OLA))!.parsed.text ?? ''
    expect(mine).toContain('What a Guest Writer Learned About Listening')
    expect(mine).not.toContain('How to Regain a Partner’s Lost Trust')
    expect(theirs).toContain('What a Guest Writer Learned About Listening')
    expect(theirs).toContain('How to Regain a Partner’s Lost Trust')

    // Only the seed's story this time: nothing in Ravi's topic, so no email for Ravi.
    expect(recipientsOf(await sendEdition())).toEqual([OLA])

    // Ticking none again means every story.
    const reset = await fetch(links.manage, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=topics',
    })
    expect(await reset.text()).toContain('Saved. Your digest brings every story.')
    const unknown = await fetch(links.manage, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=topics&topics=no-such-topic',
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('We have no topic called “no-such-topic”.')
  })

  it('refuses what is not a choice, with a page that says why', async () => {
    const token = new URL(links.pause).searchParams.get('token')!
    const post = (body: string, query = `token=${token}`, type = 'application/x-www-form-urlencoded') =>
      fetch(`${app.url}/newsletter/pause?${query}`, { method: 'POST', headers: { 'content-type': type }, body })
    for (const body of ['weeks=3', 'weeks=', 'weeks=-2', 'weeks=4.5', 'action=forever', '']) {
      const response = await post(body)
      expect(response.status, body).toBe(400)
      expect(await response.text(), body).toContain('Choose how long to pause: 2, 4 or 8 weeks.')
    }
    expect((await post('weeks=2', 'token=forged.token.value.x')).status).toBe(400)
    expect((await post('weeks=2', '')).status).toBe(400)
    expect(await (await post('weeks=2', 'token=nonsense')).text()).toContain('This link does not work')
    expect((await post('weeks=2', `token=${token}`, 'text/plain')).status).toBe(415)
    expect(await fetch(links.manage).then((r) => r.text())).not.toContain('paused until')
  })
})

describe('a reader who takes their data and goes', () => {
  it('downloads everything we hold about them as JSON, from a button', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(links.manage)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('mindful-press-my-data.json')
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'))
    expect(data.subscriber).toMatchObject({ email: RAVI, status: 'active', pausedUntil: null })
    expect(data.subscriber.consent.wording).toBeTruthy()
    // Editions 1, 3 and 4 reached them; the paused one never had them as a recipient, the fifth had nothing in their topic.
    expect(data.deliveries.map((d: { status: string }) => d.status)).toEqual(['sent', 'sent', 'sent', 'skipped'])
    expect(JSON.stringify(data)).not.toContain(OLA)
    await context.close()

    // Never from a GET (a link scanner), never cached.
    const answer = await fetch(new URL('/newsletter/your-data', app.url) + new URL(links.manage).search, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=download',
    })
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.headers.get('content-disposition')).toContain('attachment')
    const asked = await fetch(new URL('/newsletter/your-data', app.url) + new URL(links.manage).search)
    expect(asked.headers.get('content-type')).toContain('text/html')
    expect(await asked.text()).not.toContain(RAVI)
  })

  it('erases everything only once they tick that they understand', { timeout: 90_000 }, async () => {
    const yourData = new URL('/newsletter/your-data', app.url) + new URL(links.manage).search
    const unticked = await fetch(yourData, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=erase',
    })
    expect(unticked.status).toBe(400)
    expect(await unticked.text()).toContain('Tick the box to confirm')
    expect((await fetch(links.manage)).status).toBe(200)

    const suppressedBefore = (
      await fetch(`${app.url}/api/suppressions?limit=1`, { headers: admin }).then((r) => r.json())
    ).totalDocs
    await lookAt(yourData, 'your-data')
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(links.manage)
    await page.getByLabel('I understand this cannot be undone.').check()
    await submitForm(page, 'Erase everything')
    expect(await page.locator('h1').textContent()).toBe('Everything is erased')
    await page.screenshot({ path: path.join(ARTIFACTS, 'erased-390.png'), fullPage: true })
    await page.close()

    const found = await fetch(`${app.url}/api/subscribers?where[email][equals]=${RAVI}`, { headers: admin })
    expect((await found.json()).totalDocs).toBe(0)
    const suppressed = await fetch(`${app.url}/api/suppressions?limit=1`, { headers: admin }).then((r) => r.json())
    expect(suppressed.totalDocs).toBe(suppressedBefore + 1)
    // Every link of theirs is dead, for them and for whoever gets their id next.
    for (const link of [links.manage, links.pause, yourData]) {
      const response = await fetch(link)
      expect(response.status, link).toBe(400)
      expect(await response.text()).toContain('This subscription no longer exists')
    }
    expect(recipientsOf(await sendEdition())).toEqual([OLA])
  })
})
