import path from 'node:path'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ADMIN, createActiveReader, EDITOR, loginAs, signInEditor, startApp, type RunningApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, logInToAdmin } from '../helpers/browser'
import {
  CERT_URL,
  MAILGUN_KEY,
  mailgunEvent,
  otherSendgridKey,
  POSTMARK,
  postmarkAuth,
  SENDGRID_PUBLIC_KEY,
  sendgridRequest,
  sesBounce,
  sesComplaint,
  snsMessage,
  startCertificateServer,
  strangerKey,
  TOPIC_ARN,
  type CertificateServer,
} from '../helpers/providers'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker'

/**
 * What an operator meets, on the production build with the real worker (two of them) and
 * Redis: the queue dashboard, the metrics, and the mail providers' reports after they
 * accepted a message, each signed as that provider signs it.
 */

const METRICS_TOKEN = 'metrics-token-for-the-test-0123'
const DOMAIN = 'readers.test'
const READERS = [
  'canary',
  'ses-hard',
  'ses-soft',
  'ses-complaint',
  'pm-soft',
  'pm-unsub',
  'pm-complaint',
  'mg-hard',
  'mg-soft',
  'mg-complaint',
  'mg-unsub',
  'sg-hard',
  'sg-blocked',
  'sg-spam',
  'sg-unsub',
].map((name) => `${name}@${DOMAIN}`)

let app: RunningApp
let sink: SmtpSink
let certificates: CertificateServer
let secondWorker: WorkerProcess
let browser: Browser
let admin: { authorization: string }
let editor: { authorization: string }
let firstMessageId: string

beforeAll(async () => {
  sink = await startSmtpSink()
  certificates = await startCertificateServer()
  ;[app, browser] = await Promise.all([
    startApp(
      {
        SMTP_URL: sink.url,
        METRICS_TOKEN,
        EMAIL_WEBHOOK_USER: POSTMARK.user,
        EMAIL_WEBHOOK_PASSWORD: POSTMARK.password,
        MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY,
        SENDGRID_WEBHOOK_PUBLIC_KEY: SENDGRID_PUBLIC_KEY,
        SES_SNS_TOPIC_ARN: TOPIC_ARN,
        SNS_CERTIFICATE_ORIGIN: certificates.origin,
      },
      { worker: true },
    ),
    launchChromium(),
  ])
  // A second worker process beside the app's: the metrics must be right whichever runs what.
  secondWorker = startWorkerProcess({ ...app.env, LOG_LEVEL: 'info' })
  await secondWorker.ready()
  admin = await loginAs(app, ADMIN)
  editor = await signInEditor(app)
  for (const email of READERS) await createActiveReader(app, admin, email)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await secondWorker?.stop()
  await app?.stop()
  await sink?.close()
  await certificates?.close()
})

const api = (pathname: string, init: RequestInit = {}) => fetch(`${app.url}${pathname}`, init)

async function reader(address: string) {
  const { docs } = await api(`/api/subscribers?where[email][equals]=${encodeURIComponent(address)}&depth=0`, {
    headers: admin,
  }).then((r) => r.json())
  return docs[0] as { id: number; status: string; bounceCount: number }
}

async function sendEdition(number: number): Promise<number> {
  const { docs } = await api('/api/articles?limit=1&depth=0').then((r) => r.json())
  const created = await api('/api/editions', {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: `Mindful Moments #${number}: Trust`, articles: [docs[0].id] }),
  })
  const { doc } = await created.json()
  expect((await api(`/api/editions/${doc.id}/send`, { method: 'POST', headers: admin })).status).toBe(202)
  await expect
    .poll(async () => (await api(`/api/editions/${doc.id}?depth=0`, { headers: admin }).then((r) => r.json())).status, {
      timeout: 60_000,
      interval: 250,
    })
    .toBe('sent')
  return doc.id
}

const post = (
  provider: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => api(`/api/email-events/${provider}`, { method: 'POST', headers, body })

async function metrics() {
  const response = await api('/api/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/plain')
  const families = parsePrometheusTextFormat(await response.text())
  const value = (name: string, labels: Record<string, string> = {}) => {
    const family = families.find((f) => f.name === name)
    const metric = family?.metrics.find((m) => Object.entries(labels).every(([key, v]) => m.labels?.[key] === v))
    return metric === undefined ? undefined : Number(metric.value)
  }
  return { families, value }
}

let editionId: number

describe('metrics', () => {
  it('are refused without the bearer token, or with a wrong one', async () => {
    expect((await api('/api/metrics')).status).toBe(401)
    expect((await api('/api/metrics', { headers: { authorization: 'Bearer nope' } })).status).toBe(401)
    expect((await api('/api/metrics', { headers: { authorization: `Basic ${METRICS_TOKEN}` } })).status).toBe(401)
  })

  it(
    'count the sent digest, the queues, editions and subscribers, with two workers running',
    { timeout: 90_000 },
    async () => {
      editionId = await sendEdition(1)
      firstMessageId = sink.messages.find((m) => m.envelopeTo.includes(`ses-hard@${DOMAIN}`))!.parsed.messageId!
      expect(firstMessageId).toMatch(/^<mm1\./)
      const { families, value } = await metrics()
      expect(value('mindful_digest_messages_total', { outcome: 'sent' })).toBe(READERS.length)
      expect(value('mindful_digest_messages_total', { outcome: 'failed' })).toBe(0)
      expect(value('mindful_editions', { status: 'sent' })).toBe(1)
      expect(value('mindful_subscribers', { status: 'active' })).toBe(READERS.length)
      for (const queue of ['transactional', 'editions', 'deliveries', 'imports']) {
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed'])
          expect(value('mindful_queue_jobs', { queue, state }), `${queue} ${state}`).toBeGreaterThanOrEqual(0)
        expect(value('mindful_queue_oldest_waiting_seconds', { queue })).toBeGreaterThanOrEqual(0)
      }
      expect(value('mindful_queue_jobs', { queue: 'deliveries', state: 'waiting' })).toBe(0)
      // The process's own, from prom-client's defaults.
      expect(families.some((f) => f.name === 'process_cpu_user_seconds_total')).toBe(true)
      // No label holds an address or a name.
      for (const family of families)
        for (const metric of family.metrics)
          for (const label of Object.values(metric.labels ?? {})) expect(label).not.toContain('@')
    },
  )
})

describe('provider events', () => {
  it('SES: a permanent bounce marks the reader bounced, a transient one counts, a complaint unsubscribes and suppresses', async () => {
    for (const message of [
      sesBounce(`ses-hard@${DOMAIN}`, 'Permanent', firstMessageId),
      sesBounce(`ses-soft@${DOMAIN}`, 'Transient', firstMessageId),
      sesComplaint(`ses-complaint@${DOMAIN}`, firstMessageId),
    ]) {
      const response = await post('ses', JSON.stringify(message), { 'content-type': 'text/plain; charset=UTF-8' })
      expect(response.status, await response.clone().text()).toBe(200)
    }
    expect(await reader(`ses-hard@${DOMAIN}`)).toMatchObject({ status: 'bounced', bounceCount: 1 })
    expect(await reader(`ses-soft@${DOMAIN}`)).toMatchObject({ status: 'active', bounceCount: 1 })
    expect((await reader(`ses-complaint@${DOMAIN}`)).status).toBe('complained')
    const { totalDocs } = await api('/api/suppressions?where[reason][equals]=complained', { headers: admin }).then(
      (r) => r.json(),
    )
    expect(totalDocs).toBe(1)
  })

  it('SES: confirms the SNS subscription, and refuses a forged signature, a foreign certificate host and another topic', async () => {
    const subscribeUrl = `https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(TOPIC_ARN)}&Token=tok-123`
    const confirm = snsMessage({
      Type: 'SubscriptionConfirmation',
      Message: 'You have chosen to subscribe…',
      Token: 'tok-123',
      SubscribeURL: subscribeUrl,
    })
    expect((await post('ses', JSON.stringify(confirm))).status).toBe(200)
    expect(certificates.confirmations).toEqual(['tok-123'])

    const forged = snsMessage(
      JSON.parse(JSON.stringify({ Type: 'Notification', Message: sesBounce(`canary@${DOMAIN}`, 'Permanent').Message })),
      strangerKey(),
    )
    const foreignHost = {
      ...sesBounce(`canary@${DOMAIN}`, 'Permanent'),
      SigningCertURL: CERT_URL.replace('sns.eu-west-1.amazonaws.com', 'sns.eu-west-1.amazonaws.com.evil.example'),
    }
    const tampered = {
      ...sesBounce(`canary@${DOMAIN}`, 'Transient'),
      Message: sesBounce(`canary@${DOMAIN}`, 'Permanent').Message,
    }
    const otherTopic = snsMessage({
      Type: 'Notification',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:someone-else',
      Message: sesBounce(`canary@${DOMAIN}`, 'Permanent').Message,
    })
    const unsigned = { ...sesBounce(`canary@${DOMAIN}`, 'Permanent'), Signature: undefined }
    for (const message of [forged, foreignHost, tampered, otherTopic, unsigned]) {
      const response = await post('ses', JSON.stringify(message))
      expect(response.status, JSON.stringify(message).slice(0, 80)).toBe(401)
    }
    expect((await reader(`canary@${DOMAIN}`)).status).toBe('active')
    expect((await post('ses', 'not json')).status).toBe(400)
  })

  it('Postmark: soft bounces past the limit, an unsubscribe and a complaint; wrong credentials change nothing', async () => {
    const event = (body: Record<string, unknown>, auth = postmarkAuth()) =>
      post('postmark', JSON.stringify(body), { 'content-type': 'application/json', authorization: auth })
    for (let i = 1; i <= 3; i++) {
      expect(
        (
          await event({
            RecordType: 'Bounce',
            ID: 1000 + i,
            Type: 'SoftBounce',
            Email: `pm-soft@${DOMAIN}`,
            BouncedAt: new Date().toISOString(),
          })
        ).status,
      ).toBe(200)
      expect((await reader(`pm-soft@${DOMAIN}`)).status).toBe(i < 3 ? 'active' : 'bounced')
    }
    expect(
      (
        await event({
          RecordType: 'SubscriptionChange',
          MessageID: 'pm-1',
          Recipient: `pm-unsub@${DOMAIN}`,
          SuppressSending: true,
          SuppressionReason: 'ManualSuppression',
          ChangedAt: new Date().toISOString(),
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await event({
          RecordType: 'SpamComplaint',
          ID: 2001,
          Type: 'SpamComplaint',
          Email: `pm-complaint@${DOMAIN}`,
          BouncedAt: new Date().toISOString(),
        })
      ).status,
    ).toBe(200)
    expect((await reader(`pm-unsub@${DOMAIN}`)).status).toBe('unsubscribed')
    expect((await reader(`pm-complaint@${DOMAIN}`)).status).toBe('complained')

    const hard = { RecordType: 'Bounce', ID: 3001, Type: 'HardBounce', Email: `canary@${DOMAIN}` }
    expect((await event(hard, postmarkAuth(POSTMARK.user, 'wrong-password-here'))).status).toBe(401)
    expect((await event(hard, '')).status).toBe(401)
    expect((await reader(`canary@${DOMAIN}`)).status).toBe('active')
  })

  it('Mailgun: failed (permanent and temporary), complained, unsubscribed; a bad or old signature is refused', async () => {
    const send = (body: unknown) => post('mailgun', JSON.stringify(body))
    const headers = { 'message-id': firstMessageId.slice(1, -1) }
    expect(
      (
        await send(
          mailgunEvent({
            event: 'failed',
            severity: 'permanent',
            recipient: `mg-hard@${DOMAIN}`,
            message: { headers },
          }),
        )
      ).status,
    ).toBe(200)
    expect(
      (await send(mailgunEvent({ event: 'failed', severity: 'temporary', recipient: `mg-soft@${DOMAIN}` }))).status,
    ).toBe(200)
    expect(
      (await send(mailgunEvent({ event: 'complained', recipient: `mg-complaint@${DOMAIN}`, message: { headers } })))
        .status,
    ).toBe(200)
    expect((await send(mailgunEvent({ event: 'unsubscribed', recipient: `mg-unsub@${DOMAIN}` }))).status).toBe(200)
    // Delivered and opened events are not ours to track: accepted and ignored.
    expect((await send(mailgunEvent({ event: 'delivered', recipient: `canary@${DOMAIN}` }))).status).toBe(200)
    expect(await reader(`mg-hard@${DOMAIN}`)).toMatchObject({ status: 'bounced' })
    expect(await reader(`mg-soft@${DOMAIN}`)).toMatchObject({ status: 'active', bounceCount: 1 })
    expect((await reader(`mg-complaint@${DOMAIN}`)).status).toBe('complained')
    expect((await reader(`mg-unsub@${DOMAIN}`)).status).toBe('unsubscribed')

    const canary = { event: 'failed', severity: 'permanent', recipient: `canary@${DOMAIN}` }
    expect((await send(mailgunEvent(canary, { key: 'key-someone-else-0123456789abcdef' }))).status).toBe(401)
    expect((await send(mailgunEvent(canary, { ageSeconds: 6 * 60 }))).status).toBe(401)
    expect((await send({ 'event-data': canary })).status).toBe(401)
    // A signature of the right length in characters but not in bytes is refused, not a crash.
    const multiByte = mailgunEvent(canary)
    multiByte.signature.signature = 'é'.repeat(64)
    const refused = await send(multiByte)
    expect([refused.status, ((await refused.json()) as { message: string }).message]).toEqual([
      401,
      'The signature does not match.',
    ])
    expect((await reader(`canary@${DOMAIN}`)).status).toBe('active')
  })

  it('SendGrid: a batch with a bounce, a block, a spam report and an unsubscribe; a wrong key is refused', async () => {
    const batch = sendgridRequest([
      { event: 'bounce', type: 'bounce', email: `sg-hard@${DOMAIN}`, 'smtp-id': firstMessageId },
      { event: 'bounce', type: 'blocked', email: `sg-blocked@${DOMAIN}` },
      { event: 'spamreport', email: `sg-spam@${DOMAIN}`, 'smtp-id': firstMessageId },
      { event: 'unsubscribe', email: `sg-unsub@${DOMAIN}` },
      { event: 'open', email: `canary@${DOMAIN}` },
    ])
    const response = await post('sendgrid', batch.body, batch.headers)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: 4 })
    expect((await reader(`sg-hard@${DOMAIN}`)).status).toBe('bounced')
    expect(await reader(`sg-blocked@${DOMAIN}`)).toMatchObject({ status: 'active', bounceCount: 1 })
    expect((await reader(`sg-spam@${DOMAIN}`)).status).toBe('complained')
    expect((await reader(`sg-unsub@${DOMAIN}`)).status).toBe('unsubscribed')

    const forged = sendgridRequest([{ event: 'bounce', type: 'bounce', email: `canary@${DOMAIN}` }], otherSendgridKey())
    expect((await post('sendgrid', forged.body, forged.headers)).status).toBe(401)
    const tampered = sendgridRequest([{ event: 'open', email: `canary@${DOMAIN}` }])
    expect((await post('sendgrid', tampered.body.replace('open', 'bounce'), tampered.headers)).status).toBe(401)
    // Genuine but signed 20 minutes ago: a captured request sent again.
    const old = sendgridRequest([{ event: 'bounce', type: 'bounce', email: `canary@${DOMAIN}` }], undefined, 20 * 60)
    expect((await post('sendgrid', old.body, old.headers)).status).toBe(401)
    expect((await post('sendgrid', forged.body, { 'content-type': 'application/json' })).status).toBe(401)
    expect((await reader(`canary@${DOMAIN}`)).status).toBe('active')
  })

  it('refuses a replayed signature, changes nothing on a provider’s retry, and answers an unknown address as any other', async () => {
    const soft = mailgunEvent({ event: 'failed', severity: 'temporary', recipient: `mg-soft@${DOMAIN}` })
    expect((await post('mailgun', JSON.stringify(soft))).status).toBe(200)
    const { totalDocs: before } = await api('/api/email-events?limit=0', { headers: admin }).then((r) => r.json())
    expect((await reader(`mg-soft@${DOMAIN}`)).bounceCount).toBe(2)
    // The same signed request again (Mailgun's signature covers no event): refused.
    const replay = await post('mailgun', JSON.stringify(soft))
    expect([replay.status, ((await replay.json()) as { message: string }).message]).toEqual([
      401,
      'This signature was already used.',
    ])
    // The provider's own retry of the event, newly signed: accepted, counted once.
    const retry = mailgunEvent({ ...soft['event-data'] })
    expect((await post('mailgun', JSON.stringify(retry))).status).toBe(200)
    expect((await reader(`mg-soft@${DOMAIN}`)).bounceCount).toBe(2)

    const unknown = await post(
      'mailgun',
      JSON.stringify(mailgunEvent({ event: 'failed', severity: 'permanent', recipient: `nobody@${DOMAIN}` })),
    )
    const known = await post(
      'mailgun',
      JSON.stringify(mailgunEvent({ event: 'unsubscribed', recipient: `mg-unsub@${DOMAIN}` })),
    )
    expect([unknown.status, await unknown.text()]).toEqual([known.status, await known.text()])
    const { totalDocs: after } = await api('/api/email-events?limit=0', { headers: admin }).then((r) => r.json())
    // The known reader's event is kept (no change: already unsubscribed); the unknown address stored nothing.
    expect(after).toBe(before + 1)
    expect((await post('unknown-provider', '{}')).status).toBe(404)

    // The same event delivered twice at the same moment counts once.
    const countBefore = (await reader(`ses-soft@${DOMAIN}`)).bounceCount
    const event = mailgunEvent({ event: 'failed', severity: 'temporary', recipient: `ses-soft@${DOMAIN}` })[
      'event-data'
    ]
    const answers = await Promise.all([1, 2, 3].map(() => post('mailgun', JSON.stringify(mailgunEvent({ ...event })))))
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect((await reader(`ses-soft@${DOMAIN}`)).bounceCount).toBe(countBefore + 1)
  })

  it('keeps each event with ids only, on the reader and on the edition, and counts them in the metrics', async () => {
    const { docs } = await api('/api/email-events?limit=100&depth=0', { headers: admin }).then((r) => r.json())
    expect(JSON.stringify(docs)).not.toContain('@')
    const hard = (await reader(`ses-hard@${DOMAIN}`)).id
    expect(docs.find((doc: { subscriber: number }) => doc.subscriber === hard)).toMatchObject({
      provider: 'ses',
      type: 'hard-bounce',
      edition: editionId,
      effect: 'marked bounced',
    })
    const withEvents = await api(`/api/subscribers/${hard}?depth=0`, { headers: admin }).then((r) => r.json())
    expect(withEvents.emailEvents.docs).toHaveLength(1)
    const progress = await api(`/api/editions/${editionId}/progress`, { headers: admin }).then((r) => r.json())
    expect(progress.reported).toEqual({ 'hard-bounce': 3, 'soft-bounce': 1, complaint: 3, unsubscribe: 0 })
    const { value } = await metrics()
    expect(value('mindful_email_events_total', { provider: 'ses', type: 'hard-bounce' })).toBe(1)
    expect(value('mindful_email_events_total', { provider: 'postmark', type: 'soft-bounce' })).toBe(3)
    expect(value('mindful_email_events_total', { provider: 'sendgrid', type: 'complaint' })).toBe(1)
    expect(value('mindful_subscribers', { status: 'complained' })).toBe(4)
  })

  it('the next edition goes to exactly the readers still active', { timeout: 90_000 }, async () => {
    sink.messages.length = 0
    await sendEdition(2)
    const got = sink.messages.map((m) => m.envelopeTo[0]).sort()
    expect(got).toEqual([`canary@${DOMAIN}`, `mg-soft@${DOMAIN}`, `ses-soft@${DOMAIN}`, `sg-blocked@${DOMAIN}`].sort())
  })
})

describe('the queue dashboard', () => {
  it('is for admins: anonymous visitors go to the login, editors are refused', async () => {
    const anonymous = await api('/admin/queues', { redirect: 'manual' })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toMatch(/\/admin\/login\?redirect=%2Fadmin%2Fqueues$/)
    expect((await api('/admin/queues/api/queues')).status).toBe(401)
    expect((await api('/admin/queues', { headers: editor })).status).toBe(403)
    expect((await api('/admin/queues/api/queues', { headers: editor })).status).toBe(403)
    const { queues } = await api('/admin/queues/api/queues', { headers: admin }).then((r) => r.json())
    expect(queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'deliveries',
      'editions',
      'imports',
      'transactional',
    ])
  })

  it('shows the queues to an admin in the browser, linked from the admin', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await logInToAdmin(page, app.url, ADMIN)
    // Linked from the navigation (folded on a first visit) and from the dashboard.
    expect(await page.locator('nav a[href="/admin/queues"]').count()).toBe(1)
    await page.getByRole('link', { name: 'Open the queue dashboard' }).click()
    await page.waitForURL(`${app.url}/admin/queues`)
    await page.getByText('transactional').first().waitFor({ timeout: 30_000 })
    // The overview has loaded the queues' counts through Bull Board's own API.
    await page.getByText('Loading...').waitFor({ state: 'detached', timeout: 30_000 })
    await page.getByRole('link', { name: 'deliveries' }).first().click()
    await page.waitForURL(/\/admin\/queues\/queue\/deliveries/)
    await page.getByText('Loading...').waitFor({ state: 'detached', timeout: 30_000 })
    expect(await page.getByText('deliveries').count()).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(ARTIFACTS, 'queues-dashboard.png') })
    await page.close()
  })

  it('no longer shows an editor a link to it', { timeout: 60_000 }, async () => {
    const page = await browser.newPage()
    await logInToAdmin(page, app.url, EDITOR)
    await page.getByText('Readers, all newsletters').waitFor()
    expect(await page.locator('a[href="/admin/queues"]').count()).toBe(0)
    await page.close()
  })
})

describe('errors a workflow refuses', () => {
  it('carry a stable name, not a minified one', async () => {
    const submitted = await api('/api/guest-submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Gia Guest',
        email: 'gia@example.org',
        bio: 'I write about love.',
        title: 'A story of trust',
        pitch: 'How we learned to trust again after a move abroad, slowly.',
        consent: true,
      }),
    })
    expect(submitted.status).toBe(201)
    const { docs } = await api('/api/submissions?limit=1&depth=0', { headers: admin }).then((r) => r.json())
    const refused = await api(`/api/submissions/${docs[0].id}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'accepted' }),
    })
    expect(refused.status).toBe(400)
    const body = await refused.json()
    expect(body.errors[0].name).toBe('TransitionError')
    expect(body.errors[0].message).toMatch(/cannot become accepted/)
  })
})
