import { generateKeyPairSync } from 'node:crypto'
import path from 'node:path'
import { dkimVerify } from 'mailauth/lib/dkim/verify.js'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  ADMIN,
  apiAs,
  createEditionAs,
  createActiveReader,
  EDITOR,
  loginAs,
  signInEditor,
  startApp,
  type RunningApp,
} from '../helpers/app'
import { ARTIFACTS, launchChromium, logInToAdmin } from '../helpers/browser'
import { startDnsServer, txt, type DnsServer, type Zone } from '../helpers/dnsServer'
import { resetSink } from '../helpers/digest'
import { runChecked } from '../helpers/launch'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { waitFor } from '../helpers/waitFor'

/**
 * The sender checks where people meet them: `npm run doctor`, the admins' page and API, and
 * the gate that keeps an edition to many readers from starting while a check fails — against
 * a DNS server on loopback that serves a good zone, then a broken one, then the good one again.
 */

const key = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
})

const GOOD_ZONE: Zone = {
  'mindful.test': {
    TXT: [['v=spf1 ip4:203.0.113.25 -all']],
    MX: [{ exchange: 'mx.mindful.test', priority: 10 }],
  },
  'mail._domainkey.mindful.test': { TXT: [txt(`v=DKIM1; k=rsa; p=${key.publicKey.toString('base64')}`)] },
  '_dmarc.mindful.test': { TXT: [['v=DMARC1; p=quarantine']] },
}
/** The good zone without its DMARC record. */
const NO_DMARC: Zone = { ...GOOD_ZONE, '_dmarc.mindful.test': {} }
const READERS = ['first.reader@example.org', 'second.reader@example.org', 'third.reader@example.org']

let dns: DnsServer
let sink: SmtpSink
let app: RunningApp
let browser: Browser
let admin: { authorization: string }
let editor: { authorization: string }

const api = (who: { authorization: string } | undefined, pathname: string, init?: RequestInit) =>
  apiAs(app, who, pathname, init)

const newEdition = (subject: string) => createEditionAs(app, editor, subject)

type EditionDoc = {
  status: string
  sendError?: string | null
  overrideSenderChecks?: boolean
  senderChecksOverriddenBy?: string | null
  senderChecksOverriddenAt?: string | null
}
const edition = async (id: number) => (await (await api(editor, `editions/${id}?depth=0`)).json()) as EditionDoc

/** `npm run doctor` with the app's settings: its exit code and what it printed on stdout. */
function doctor(): Promise<{ code: number; output: string }> {
  return runChecked(process.execPath, ['src/launch.mjs', 'src/doctorCli.ts'], {
    ...app.env,
    LOG_DESTINATION: 'stderr',
  }).then(
    (output) => ({ code: 0, output }),
    (error: Error) => ({ code: Number(/exited (\d+)/.exec(error.message)?.[1]), output: error.message }),
  )
}

beforeAll(async () => {
  ;[dns, sink] = await Promise.all([startDnsServer(GOOD_ZONE), startSmtpSink()])
  ;[app, browser] = await Promise.all([
    startApp(
      {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Mindful Moments <moments@mindful.test>',
        DKIM_DOMAIN: 'mindful.test',
        DKIM_SELECTOR: 'mail',
        DKIM_PRIVATE_KEY: key.privateKey,
        DNS_SERVERS: dns.address,
        // Three readers are "many" here, so the gate applies.
        DOCTOR_REQUIRED_ABOVE: '2',
        RECONCILE_INTERVAL_MS: '1000',
      },
      { worker: true },
    ),
    launchChromium(),
  ])
  admin = await loginAs(app, ADMIN)
  editor = await signInEditor(app)
  for (const email of READERS) await createActiveReader(app, admin, email)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sink?.close()
  await dns?.close()
})

describe('npm run doctor', () => {
  it(
    'prints one verdict per line and exits 0 for a good zone, 1 with the fix when DMARC is missing',
    { timeout: 90_000 },
    async () => {
      dns.serve(GOOD_ZONE)
      const good = await doctor()
      expect(good.code).toBe(0)
      expect(good.output).toMatch(/^pass {2}SPF: mindful\.test: "v=spf1 ip4:203\.0\.113\.25 -all"$/m)
      expect(good.output).toMatch(/^pass {2}DKIM: mail\._domainkey\.mindful\.test holds the public half of our key/m)
      expect(good.output).toMatch(/^pass {2}DMARC: _dmarc\.mindful\.test: policy quarantine$/m)
      // The SMTP sink is on loopback, and the app's own address is plain http: warnings, not failures.
      expect(good.output).toMatch(/^warn {2}SPF covers 127\.0\.0\.1: /m)
      expect(good.output).toMatch(/^warn {2}PUBLIC_URL: /m)
      expect(good.output).toContain('No check failed.')

      dns.serve(NO_DMARC)
      const broken = await doctor()
      expect(broken.code).toBe(1)
      expect(broken.output).toMatch(/^fail {2}DMARC: mindful\.test publishes no DMARC record$/m)
      expect(broken.output).toMatch(/^ {6}fix: Add a TXT record at _dmarc\.mindful\.test: "v=DMARC1; p=none/m)
      expect(broken.output).toContain('1 check failed')
    },
  )
})

describe('the sender checks for admins', () => {
  it('answer admins at /api/globals/settings/sender-checks, and nobody else', async () => {
    dns.serve(NO_DMARC)
    expect((await api(undefined, 'globals/settings/sender-checks')).status).toBe(403)
    expect((await api(editor, 'globals/settings/sender-checks')).status).toBe(403)
    const response = await api(admin, 'globals/settings/sender-checks')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toContain('no-store')
    const body = (await response.json()) as { checks: Array<{ verdict: string; check: string }>; failing: number }
    expect(body.failing).toBe(1)
    expect(body.checks.find((check) => check.check === 'DMARC')).toMatchObject({ verdict: 'fail' })
  })

  it(
    'show on their own admin page, readable at phone and desktop widths; editors are turned away',
    { timeout: 90_000 },
    async () => {
      dns.serve(NO_DMARC)
      for (const width of [390, 1280]) {
        const page = await browser.newPage({ viewport: { width, height: 1100 } })
        await logInToAdmin(page, app.url, ADMIN)
        await page.goto(`${app.url}/admin/sender-checks`)
        await page.getByRole('heading', { name: 'Sender checks' }).waitFor({ timeout: 30_000 })
        expect(await page.locator('li[data-verdict="fail"]').count()).toBe(1)
        expect(await page.locator('li[data-verdict="pass"]').count()).toBeGreaterThanOrEqual(6)
        expect(await page.locator('li[data-verdict="fail"]').textContent()).toContain(
          'Fix: Add a TXT record at _dmarc.mindful.test',
        )
        // Nothing runs off the side at phone width.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
        await page.screenshot({ path: path.join(ARTIFACTS, `admin-sender-checks-${width}.png`), fullPage: true })
        await page.close()
      }
      const page = await browser.newPage()
      await logInToAdmin(page, app.url, EDITOR)
      await page.goto(`${app.url}/admin/sender-checks`)
      await page.getByText('Only admins can see the sender checks.').waitFor({ timeout: 30_000 })
      expect(await page.locator('li[data-verdict]').count()).toBe(0)
      await page.close()
    },
  )
})

describe('an edition to more readers than DOCTOR_REQUIRED_ABOVE', () => {
  it(
    'does not start while a check fails: "Send now" says why, a scheduled one fails with the reason',
    { timeout: 90_000 },
    async () => {
      dns.serve(NO_DMARC)
      const now = await newEdition('Held back: send now')
      const refused = await api(editor, `editions/${now}/send`, { method: 'POST' })
      expect(refused.status).toBe(409)
      expect(((await refused.json()) as { message: string }).message).toMatch(
        /did not start: DMARC \(mindful\.test publishes no DMARC record\)/,
      )
      expect((await edition(now)).status).toBe('draft')

      const later = await newEdition('Held back: scheduled')
      const scheduled = await api(editor, `editions/${later}`, {
        method: 'PATCH',
        body: JSON.stringify({ status: 'scheduled', scheduledFor: new Date(Date.now() + 1_000).toISOString() }),
      })
      expect(scheduled.status).toBe(200)
      const failed = await waitFor(
        async () => {
          const doc = await edition(later)
          return doc.status === 'failed' && doc
        },
        'the scheduled edition to fail at the gate',
        60_000,
        250,
      )
      expect(failed.sendError).toMatch(/A sender check fails.*DMARC/)
      expect(sink.messages).toHaveLength(0)
    },
  )

  it(
    'goes out when an admin overrides the checks for it, and who did so and when is kept',
    { timeout: 90_000 },
    async () => {
      dns.serve(NO_DMARC)
      const id = await newEdition('Sent despite the checks')
      // An editor cannot tick the box: the field is the admins' alone.
      expect(
        (await api(editor, `editions/${id}`, { method: 'PATCH', body: JSON.stringify({ overrideSenderChecks: true }) }))
          .status,
      ).toBe(200)
      expect((await edition(id)).overrideSenderChecks).toBe(false)
      // Nobody writes the record of who overrode it.
      await api(admin, `editions/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ senderChecksOverriddenBy: 'someone else' }),
      })
      expect((await edition(id)).senderChecksOverriddenBy ?? null).toBeNull()

      expect(
        (await api(admin, `editions/${id}`, { method: 'PATCH', body: JSON.stringify({ overrideSenderChecks: true }) }))
          .status,
      ).toBe(200)
      const overridden = await edition(id)
      expect(overridden).toMatchObject({ overrideSenderChecks: true, senderChecksOverriddenBy: ADMIN.email })
      expect(Date.now() - Date.parse(overridden.senderChecksOverriddenAt!)).toBeLessThan(60_000)

      expect((await api(editor, `editions/${id}/send`, { method: 'POST' })).status).toBe(202)
      await waitFor(async () => (await edition(id)).status === 'sent', 'the overridden edition to be sent', 60_000, 250)
      expect(sink.messages.map((message) => message.envelopeTo[0]).sort()).toEqual([...READERS].sort())
    },
  )

  it(
    'goes out once the zone is fixed, each message signed with a key the zone vouches for',
    { timeout: 90_000 },
    async () => {
      dns.serve(GOOD_ZONE)
      resetSink(sink)
      const id = await newEdition('Sent with every check passing')
      expect((await api(editor, `editions/${id}/send`, { method: 'POST' })).status).toBe(202)
      await waitFor(async () => (await edition(id)).status === 'sent', 'the edition to be sent', 60_000, 250)
      expect(sink.messages).toHaveLength(READERS.length)
      const { dnsLookup } = await import('@/src/services/deliverability/dns')
      for (const message of sink.messages) {
        const { results } = await dkimVerify(Buffer.from(message.raw), { resolver: dnsLookup([dns.address]) as never })
        expect(results.map((result) => [result.signingDomain, result.status.result])).toEqual([
          ['mindful.test', 'pass'],
        ])
      }
    },
  )
})
