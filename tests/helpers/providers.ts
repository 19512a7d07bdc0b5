import { createHmac, createSign, generateKeyPairSync, randomUUID, sign as signWith } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { freePort } from './ports'

/**
 * Mail provider webhooks as the providers send them, signed as they sign them, with keys and
 * a certificate the test makes itself. SNS's certificate host is the one thing substituted:
 * the app fetches it from `certificateServer` through SNS_CERTIFICATE_ORIGIN.
 */

export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:mindful-ses-events'
export const CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-mindfultest.pem'
export const POSTMARK = { user: 'postmark-hook', password: 'a-long-webhook-password' }
export const MAILGUN_KEY = 'key-mailgun-signing-0123456789abcdef'

const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
export const SENDGRID_PUBLIC_KEY = sendgridKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')

/** An RSA key and a self-signed certificate, as SNS signs with. */
function snsCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mindful-sns-'))
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
      '-days',
      '2',
      '-subj',
      '/CN=sns.amazonaws.com',
    ],
    { cwd: dir, encoding: 'utf8' },
  )
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`)
  const pair = {
    key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
  }
  rmSync(dir, { recursive: true, force: true })
  return pair
}
const sns = snsCertificate()

export type CertificateServer = { origin: string; confirmations: string[]; close: () => Promise<void> }

/** Serves the SNS certificate and records subscription confirmations, like sns.<region>.amazonaws.com. */
export async function startCertificateServer(): Promise<CertificateServer> {
  const confirmations: string[] = []
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === new URL(CERT_URL).pathname) return void response.end(sns.cert)
    if (url.searchParams.get('Action') === 'ConfirmSubscription') {
      confirmations.push(url.searchParams.get('Token') ?? '')
      return void response.end('<ConfirmSubscriptionResponse/>')
    }
    response.statusCode = 404
    response.end()
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    origin: `http://127.0.0.1:${port}`,
    confirmations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

type Sns = Record<string, string>

/** An SNS message signed (SignatureVersion 2, SHA256) over SNS's canonical fields. */
export function snsMessage(fields: Sns, key = sns.key): Sns {
  const message: Sns = {
    MessageId: randomUUID(),
    TopicArn: TOPIC_ARN,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '2',
    SigningCertURL: CERT_URL,
    ...fields,
  }
  const names =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type']
  const canonical = names
    .filter((name) => message[name] !== undefined)
    .map((name) => `${name}\n${message[name]}\n`)
    .join('')
  message.Signature = createSign('RSA-SHA256').update(canonical).sign(key, 'base64')
  return message
}

export const sesBounce = (address: string, bounceType: 'Permanent' | 'Transient', messageId?: string) =>
  snsMessage({
    Type: 'Notification',
    Message: JSON.stringify({
      notificationType: 'Bounce',
      bounce: {
        bounceType,
        bouncedRecipients: [{ emailAddress: address }],
        timestamp: new Date().toISOString(),
        feedbackId: randomUUID(),
      },
      mail: { commonHeaders: { messageId } },
    }),
  })

export const sesComplaint = (address: string, messageId?: string) =>
  snsMessage({
    Type: 'Notification',
    Message: JSON.stringify({
      notificationType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: address }],
        timestamp: new Date().toISOString(),
        complaintFeedbackType: 'abuse',
      },
      mail: { commonHeaders: { messageId } },
    }),
  })

/** An RSA key SNS never had: its signature must not verify. */
export const strangerKey = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()

export const postmarkAuth = (user = POSTMARK.user, password = POSTMARK.password) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

export function mailgunEvent(eventData: Record<string, unknown>, options: { key?: string; ageSeconds?: number } = {}) {
  const timestamp = String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0))
  const token = randomUUID().replace(/-/g, '')
  const signature = createHmac('sha256', options.key ?? MAILGUN_KEY)
    .update(timestamp + token)
    .digest('hex')
  return {
    signature: { timestamp, token, signature },
    'event-data': { id: randomUUID(), timestamp: Number(timestamp), ...eventData },
  }
}

/** A SendGrid event batch and its signature headers. */
export function sendgridRequest(
  events: Array<Record<string, unknown>>,
  privateKey = sendgridKeys.privateKey,
  ageSeconds = 0,
) {
  const body = JSON.stringify(
    events.map((event) => ({ sg_event_id: randomUUID(), timestamp: Math.floor(Date.now() / 1000), ...event })),
  )
  const timestamp = String(Math.floor(Date.now() / 1000) - ageSeconds)
  const signature = signWith('sha256', Buffer.from(timestamp + body), privateKey).toString('base64')
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-signature': signature,
      'x-twilio-email-event-webhook-timestamp': timestamp,
    },
  }
}

export const otherSendgridKey = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey
