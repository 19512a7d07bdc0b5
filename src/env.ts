import { createPublicKey, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import path from 'node:path'
import { z } from 'zod'
import { sharedSettings } from './envDefaults.mjs'
import {
  parseSmtpRates,
  parseWarmupPlan,
  SMTP_RATE_FORM,
  WARMUP_PLAN_FORM,
  type RoutePace,
} from './services/deliverability/paces'

/**
 * Every setting of the product comes from the environment, is checked here once, and is
 * explained in `.env.example`. Nothing else reads `process.env` for configuration.
 */

export type Database = { kind: 'sqlite'; url: string; file: string } | { kind: 'mongodb'; url: string }

/**
 * Where uploads live: the local folder DATA_DIR/media, or an S3-compatible bucket when
 * S3_BUCKET is set (every web and worker host then sees the same pictures). Readers always
 * get them from our own origin (/api/media/file/…), so the bucket need not be public.
 */
export type MediaStorage =
  | { kind: 'local' }
  | {
      kind: 's3'
      bucket: string
      /** S3_ENDPOINT: a MinIO or other S3-compatible server; unset for AWS itself. */
      endpoint: string | undefined
      /** S3_REGION, default us-east-1. */
      region: string
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined
      /** S3_FORCE_PATH_STYLE=true: bucket in the path (MinIO and the like), not the host name. */
      forcePathStyle: boolean
    }

export type Env = {
  production: boolean
  media: MediaStorage
  /** DATA_DIR, default ./data */
  dataDir: string
  database: Database
  redisUrl: string
  /** CACHE_REDIS_URL: the page cache's Redis (an LRU instance may evict it); REDIS_URL when unset. */
  cacheRedisUrl: string
  /** Namespace of every Redis key (queues, rate limits), so several sites can share one Redis. */
  redisPrefix: string
  /** SMTP_URLS (or SMTP_URL): the routes out, tried in order; none means the .eml outbox. */
  smtpUrls: string[]
  /** SMTP_RATE: each route's own pace over all workers (one value for all, or one per route); undefined: unpaced. */
  smtpRates: Array<RoutePace | undefined>
  /** What start-up should say about the settings (nothing wrong enough to refuse them). */
  notices: string[]
  payloadSecret: string
  /** PREVIOUS_SECRETS: earlier values of PAYLOAD_SECRET, still accepted for links already mailed. */
  previousSecrets: string[]
  publicUrl: string
  mailFrom: { name: string; address: string }
  admin: { email: string; password: string } | undefined
  brake: BrakeSettings
  /** WARMUP_PLAN: messages per day for a new sending domain, day by day (empty: no warm-up). */
  warmupPlan: number[]
  /** How the sender checks (`npm run doctor`) read DNS, and which editions they hold back. */
  senderChecks: SenderCheckSettings
  /** DKIM signing of outgoing mail, when DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY are set. */
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined
  digest: DigestTuning
  /** METRICS_TOKEN: the bearer token of GET /api/metrics, which answers 404 without one. */
  metricsToken: string | undefined
  emailEvents: EmailEventSettings
  /** What an anonymous client can make us do; see src/services/platform/rateLimits.ts. */
  abuse: AbuseLimits
  insights: InsightSettings
}

/** The aggregate counters (src/insightCounters.mjs): how they are kept and shown. */
export type InsightSettings = {
  /** INSIGHTS_MIN_COUNT: a count below this shows as "<N" in the insights, so nobody can be singled out. */
  minCount: number
  /** INSIGHTS_RETENTION_DAYS: days a daily count is kept in the database. */
  retentionDays: number
  /** INSIGHTS_ROLLUP_INTERVAL_MS: how often a worker moves the counts from Redis into the database. */
  rollUpIntervalMs: number
}

export type AbuseLimits = {
  /** TRUSTED_PROXY_HOPS: reverse proxies in front of the web app whose X-Forwarded-For entries count (src/server.mjs). */
  trustedProxyHops: number
  /** CONFIRMATIONS_PER_ADDRESS_PER_DAY: confirmation emails one mailbox can be sent in a day, whoever asks. */
  confirmationsPerAddressPerDay: number
  /** UNCONFIRMED_MAIL_PER_HOUR: emails to addresses nobody has confirmed yet, over the whole site, per hour. */
  unconfirmedMailPerHour: number
}

/** How each mail provider's webhook proves itself; a provider without its setting is refused. */
export type EmailEventSettings = {
  /** EMAIL_WEBHOOK_USER / EMAIL_WEBHOOK_PASSWORD: HTTP basic credentials (Postmark). */
  basicAuth: { user: string; password: string } | undefined
  /** MAILGUN_WEBHOOK_SIGNING_KEY */
  mailgunSigningKey: string | undefined
  /** SENDGRID_WEBHOOK_PUBLIC_KEY: the signed event webhook's verification key (base64 DER or PEM). */
  sendgridPublicKey: string | undefined
  /** SES_SNS_TOPIC_ARN: the only SNS topic whose messages are accepted. */
  sesTopicArn: string | undefined
  /**
   * SNS_CERTIFICATE_ORIGIN: fetch SNS signing certificates (and subscription confirmations)
   * from this origin instead of the sns.<region>.amazonaws.com host the message names, for a
   * mirror or a test; the host is still checked and every signature still verified.
   */
  snsCertificateOrigin: string | undefined
}

/** How the worker sends a digest; the defaults suit one worker on a small machine. */
export type DigestTuning = {
  /** DIGEST_SMTP_CONNECTIONS: open SMTP connections per worker process (and messages in flight). */
  smtpConnections: number
  /** DIGEST_BATCH_SIZE: readers per deliver-batch job. */
  batchSize: number
  /** DIGEST_RETRY_BASE_MS: first wait before a batch retries its transient failures (then doubling). */
  retryBaseMs: number
  /** RECONCILE_INTERVAL_MS: how often each worker compares the database with the queues. */
  reconcileIntervalMs: number
  /**
   * WORKER_NICE: the worker's CPU niceness (0–19, default 10). On a host it shares with the web
   * server, readers' page requests win the CPU while an edition goes out; the send takes a
   * little longer instead. 0 on a host of its own.
   */
  workerNice: number
}

export type SenderCheckSettings = {
  /** DNS_SERVERS: `host:port` resolvers to ask instead of the system's (empty: the system's). */
  dnsServers: string[]
  /** DOCTOR_REQUIRED_ABOVE: an edition to more readers than this refuses to start while a check fails. */
  requiredAbove: number
}

export type { RoutePace }

/** The brake: an edition's own complaints and hard bounces, judged once enough messages went out. */
export type BrakeSettings = {
  /** BRAKE_MIN_MESSAGES: messages an edition sends before the brake judges it. */
  minMessages: number
  /** BRAKE_COMPLAINT_RATE: complaints ÷ sent above this pauses the edition. */
  complaintRate: number
  /** BRAKE_BOUNCE_RATE: hard bounces ÷ sent above this pauses the edition. */
  bounceRate: number
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(
      `Mindful Press cannot start; fix these settings (see .env.example):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    )
    this.name = 'ConfigError'
  }
}

const DEV_ADMIN = { email: 'admin@example.com', password: 'mindful-admin' }

const MAIL_CATCHERS = /^(mailpit|mailhog|maildev|mailcatcher|mailcrab)$/i

/** Shows the scheme of a URL only: a URL may carry a password. */
function describeUrl(value: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]
  return scheme ? `a ${scheme}: URL` : 'a value that is not a URL'
}

function parseDatabase(value: string | undefined, cwd: string, dataDir: string): Database | string {
  const url = value?.trim() || `file:${path.join(dataDir, 'mindful.db')}`
  if (url.startsWith('file:')) {
    const file = path.resolve(cwd, url.slice('file:'.length))
    return { kind: 'sqlite', url: `file:${file}`, file }
  }
  if (url.startsWith('mongodb://') || url.startsWith('mongodb+srv://')) return { kind: 'mongodb', url }
  return `DATABASE_URL must be file:… (SQLite) or mongodb://… / mongodb+srv://…, not ${describeUrl(url)}.`
}

function checkUrl(name: string, value: string, schemes: string[]): string | undefined {
  try {
    const { protocol } = new URL(value)
    if (schemes.includes(protocol)) return undefined
  } catch {
    // fall through to the message below
  }
  return `${name} must be a ${schemes.map((s) => `${s}//…`).join(' or ')} URL, not ${describeUrl(value)}.`
}

const mailbox = z.string().email()

/** Accepts `Name <address>` or a bare address. */
function parseMailFrom(value: string): Env['mailFrom'] | undefined {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^>]+)>\s*$/.exec(value)
  const name = match ? (match[1] ?? '').trim() : ''
  const address = (match ? match[2] : value).trim()
  if (/[\r\n]/.test(value) || !mailbox.safeParse(address).success) return undefined
  return { name: name || 'Mindful Moments', address }
}

/**
 * In development a missing PAYLOAD_SECRET is generated once and kept under data/, so
 * sessions survive restarts; production must set its own.
 */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, '.payload-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Env {
  // `next build` loads the config to collect pages; it must not need production secrets.
  const building = source.NEXT_PHASE === 'phase-production-build'
  const production = source.NODE_ENV === 'production' && !building
  // Uploads, the .eml outbox, the development secret and the default SQLite file live here.
  const dataDir = path.resolve(cwd, source.DATA_DIR?.trim() || 'data')
  const problems: string[] = []

  const database = parseDatabase(source.DATABASE_URL, cwd, dataDir)
  if (typeof database === 'string') problems.push(database)

  const shared = sharedSettings(source)
  const redisUrl = shared.redisUrl
  const redisProblem = checkUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:'])
  if (redisProblem) problems.push(redisProblem)

  const cacheRedisUrl = shared.cacheRedisUrl
  const cacheRedisProblem = checkUrl('CACHE_REDIS_URL', cacheRedisUrl, ['redis:', 'rediss:'])
  if (cacheRedisProblem && cacheRedisUrl !== redisUrl) problems.push(cacheRedisProblem)

  const redisPrefix = shared.redisPrefix
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(redisPrefix))
    problems.push('REDIS_PREFIX may only hold letters, digits, "-" and "_".')

  // SMTP_URLS: several routes, tried in order; SMTP_URL: the one-route form. Both set: SMTP_URLS wins (and start-up says so).
  const smtpSource = source.SMTP_URLS?.trim() ? 'SMTP_URLS' : 'SMTP_URL'
  const smtpUrls = (source[smtpSource] ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  const smtpProblems = smtpUrls.map((url) => checkUrl(smtpSource, url, ['smtp:', 'smtps:'])).filter(Boolean)
  problems.push(...(smtpProblems as string[]))
  // A mail catcher keeps every message in an inbox anyone who reaches it can read: staff
  // password-reset links, readers' confirmation and subscription links.
  if (
    smtpProblems.length === 0 &&
    production &&
    smtpUrls.some((url) => MAIL_CATCHERS.test(new URL(url).hostname)) &&
    source.MAIL_CATCHER !== 'true'
  ) {
    problems.push(
      `${smtpSource} points at a mail catcher, which would keep staff reset links and readers' links in an open inbox. Set your mail provider, or MAIL_CATCHER=true for a test stack.`,
    )
  }
  const smtpRates = smtpRatesSetting(source.SMTP_RATE, smtpUrls.length, problems)
  const notices =
    source.SMTP_URLS?.trim() && source.SMTP_URL?.trim()
      ? ['SMTP_URLS and SMTP_URL are both set: the routes of SMTP_URLS are used, SMTP_URL is ignored.']
      : []

  let payloadSecret = source.PAYLOAD_SECRET?.trim() ?? ''
  if (!payloadSecret) {
    if (production) problems.push('PAYLOAD_SECRET is required in production (32 or more random characters).')
    else payloadSecret = building ? 'build-time-placeholder' : developmentSecret(dataDir)
  } else if (payloadSecret.length < 32) {
    problems.push('PAYLOAD_SECRET must be at least 32 characters long.')
  }

  const previousSecrets = (source.PREVIOUS_SECRETS ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean)
  if (previousSecrets.some((secret) => secret.length < 32))
    problems.push(
      'PREVIOUS_SECRETS must be earlier PAYLOAD_SECRET values (32 or more characters each), separated by commas.',
    )

  const metricsToken = source.METRICS_TOKEN?.trim() || undefined
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters long.')

  const publicUrl = shared.publicUrl
  const publicUrlProblem = checkUrl('PUBLIC_URL', publicUrl, ['http:', 'https:'])
  if (publicUrlProblem) problems.push(publicUrlProblem)

  const mailFrom = parseMailFrom(source.MAIL_FROM?.trim() || 'Mindful Moments <moments@mindful.example>')
  if (!mailFrom) problems.push('MAIL_FROM must be an address such as "Mindful Moments <moments@example.org>".')

  let admin: Env['admin']
  const adminEmail = source.ADMIN_EMAIL?.trim()
  const adminPassword = source.ADMIN_PASSWORD ?? ''
  if (adminEmail || adminPassword) {
    if (!adminEmail || !mailbox.safeParse(adminEmail).success) problems.push('ADMIN_EMAIL must be an email address.')
    if (adminPassword.length < 8) problems.push('ADMIN_PASSWORD must be at least 8 characters long.')
    admin = { email: adminEmail ?? '', password: adminPassword }
  } else if (!production && typeof database !== 'string' && database.kind === 'sqlite') {
    // The well-known development login exists only on the embedded database, never on a production one.
    admin = DEV_ADMIN
  }

  const dkim = parseDkim(source, cwd, problems)
  const digest: DigestTuning = {
    smtpConnections: integerSetting(source, 'DIGEST_SMTP_CONNECTIONS', 6, 1, 100, problems),
    batchSize: integerSetting(source, 'DIGEST_BATCH_SIZE', 1_000, 1, 5_000, problems),
    retryBaseMs: integerSetting(source, 'DIGEST_RETRY_BASE_MS', 30_000, 10, 3_600_000, problems),
    workerNice: integerSetting(source, 'WORKER_NICE', 10, 0, 19, problems),
    reconcileIntervalMs: integerSetting(source, 'RECONCILE_INTERVAL_MS', 120_000, 200, 86_400_000, problems),
  }

  const emailEvents = parseEmailEvents(source, problems)
  const abuse: AbuseLimits = {
    trustedProxyHops: integerSetting(source, 'TRUSTED_PROXY_HOPS', 0, 0, 10, problems),
    confirmationsPerAddressPerDay: integerSetting(source, 'CONFIRMATIONS_PER_ADDRESS_PER_DAY', 3, 1, 100, problems),
    unconfirmedMailPerHour: integerSetting(source, 'UNCONFIRMED_MAIL_PER_HOUR', 1_000, 1, 1_000_000, problems),
  }

  const media = parseMediaStorage(source, problems)
  const brake: BrakeSettings = {
    minMessages: integerSetting(source, 'BRAKE_MIN_MESSAGES', 1_000, 1, 100_000_000, problems),
    complaintRate: rateSetting(source, 'BRAKE_COMPLAINT_RATE', 0.001, problems),
    bounceRate: rateSetting(source, 'BRAKE_BOUNCE_RATE', 0.05, problems),
  }
  const warmupPlan = warmupPlanSetting(source.WARMUP_PLAN, problems)
  const senderChecks: SenderCheckSettings = {
    dnsServers: parseDnsServers(source.DNS_SERVERS, problems),
    requiredAbove: integerSetting(source, 'DOCTOR_REQUIRED_ABOVE', 1_000, 0, 1_000_000_000, problems),
  }

  const insights: InsightSettings = {
    minCount: integerSetting(source, 'INSIGHTS_MIN_COUNT', 5, 1, 1_000, problems),
    retentionDays: integerSetting(source, 'INSIGHTS_RETENTION_DAYS', 400, 1, 10_000, problems),
    rollUpIntervalMs: integerSetting(source, 'INSIGHTS_ROLLUP_INTERVAL_MS', 300_000, 200, 86_400_000, problems),
  }

  if (problems.length > 0) throw new ConfigError(problems)
  return {
    production,
    media,
    dataDir,
    database: database as Database,
    redisUrl,
    cacheRedisUrl,
    redisPrefix,
    smtpUrls,
    smtpRates,
    notices,
    payloadSecret,
    previousSecrets,
    publicUrl,
    mailFrom: mailFrom!,
    admin,
    dkim,
    senderChecks,
    brake,
    warmupPlan,
    digest,
    metricsToken,
    emailEvents,
    abuse,
    insights,
  }
}

function parseMediaStorage(source: NodeJS.ProcessEnv, problems: string[]): MediaStorage {
  const bucket = source.S3_BUCKET?.trim()
  if (!bucket) return { kind: 'local' }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push('S3_BUCKET must be a bucket name: 3–63 lowercase letters, digits, "." and "-".')
  const endpoint = source.S3_ENDPOINT?.trim() || undefined
  if (endpoint) {
    const problem = checkUrl('S3_ENDPOINT', endpoint, ['http:', 'https:'])
    if (problem) problems.push(problem)
  }
  const accessKeyId = source.S3_ACCESS_KEY_ID?.trim()
  const secretAccessKey = source.S3_SECRET_ACCESS_KEY?.trim()
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or neither, for the host’s own credentials).')
  const forcePathStyle = source.S3_FORCE_PATH_STYLE?.trim().toLowerCase()
  if (forcePathStyle && !['true', 'false'].includes(forcePathStyle))
    problems.push('S3_FORCE_PATH_STYLE must be true or false.')
  return {
    kind: 's3',
    bucket,
    endpoint,
    region: source.S3_REGION?.trim() || 'us-east-1',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: forcePathStyle === 'true',
  }
}

function parseEmailEvents(source: NodeJS.ProcessEnv, problems: string[]): EmailEventSettings {
  const user = source.EMAIL_WEBHOOK_USER?.trim()
  const password = source.EMAIL_WEBHOOK_PASSWORD ?? ''
  let basicAuth: EmailEventSettings['basicAuth']
  if (user || password) {
    if (!user || user.includes(':'))
      problems.push('EMAIL_WEBHOOK_USER must be set (without ":") together with EMAIL_WEBHOOK_PASSWORD.')
    if (password.length < 12) problems.push('EMAIL_WEBHOOK_PASSWORD must be at least 12 characters long.')
    basicAuth = { user: user ?? '', password }
  }
  const mailgunSigningKey = source.MAILGUN_WEBHOOK_SIGNING_KEY?.trim() || undefined
  if (mailgunSigningKey && mailgunSigningKey.length < 16)
    problems.push('MAILGUN_WEBHOOK_SIGNING_KEY looks too short to be the HTTP webhook signing key.')
  const sendgridPublicKey = source.SENDGRID_WEBHOOK_PUBLIC_KEY?.trim() || undefined
  if (sendgridPublicKey) {
    try {
      publicKeyOf(sendgridPublicKey)
    } catch {
      problems.push(
        'SENDGRID_WEBHOOK_PUBLIC_KEY must be the verification key SendGrid shows (base64) or a PEM public key.',
      )
    }
  }
  const sesTopicArn = source.SES_SNS_TOPIC_ARN?.trim() || undefined
  if (sesTopicArn && !/^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/.test(sesTopicArn))
    problems.push('SES_SNS_TOPIC_ARN must be an SNS topic ARN, like arn:aws:sns:eu-west-1:123456789012:ses-events.')
  const snsCertificateOrigin = source.SNS_CERTIFICATE_ORIGIN?.trim().replace(/\/+$/, '') || undefined
  const originProblem =
    snsCertificateOrigin && checkUrl('SNS_CERTIFICATE_ORIGIN', snsCertificateOrigin, ['http:', 'https:'])
  if (originProblem) problems.push(originProblem)
  return { basicAuth, mailgunSigningKey, sendgridPublicKey, sesTopicArn, snsCertificateOrigin }
}

/** A public key given as PEM, or as the bare base64 DER (SPKI) that SendGrid's settings page shows. */
export function publicKeyOf(text: string) {
  return text.includes('-----BEGIN')
    ? createPublicKey(text.replace(/\\n/g, '\n'))
    : createPublicKey({ key: Buffer.from(text.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' })
}

/** IP addresses with an optional port (`1.1.1.1`, `127.0.0.1:5353`, `[::1]:53`), comma-separated, as node:dns takes them. */
function parseDnsServers(value: string | undefined, problems: string[]): string[] {
  const servers = (value ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean)
  const hostOf = (server: string) => /^\[(.+)\](?::\d{1,5})?$/.exec(server)?.[1] ?? server.replace(/:\d{1,5}$/, '')
  if (servers.some((server) => isIP(server) === 0 && isIP(hostOf(server)) === 0))
    problems.push(
      'DNS_SERVERS must be resolvers\' IP addresses, with a port if not 53, separated by commas (e.g. "127.0.0.1:5353,1.1.1.1").',
    )
  return servers
}

function smtpRatesSetting(value: string | undefined, routes: number, problems: string[]): Array<RoutePace | undefined> {
  const rates = parseSmtpRates(value, routes)
  if (rates) return rates
  problems.push(`SMTP_RATE must be ${SMTP_RATE_FORM}.`)
  return Array.from({ length: routes }, () => undefined)
}

function warmupPlanSetting(value: string | undefined, problems: string[]): number[] {
  const plan = parseWarmupPlan(value)
  if (plan) return plan
  problems.push(`WARMUP_PLAN must be ${WARMUP_PLAN_FORM}.`)
  return []
}

/** A share from 0 to 1, written as a decimal (`0.001` is 0.1 %). */
function rateSetting(source: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = source[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (Number.isFinite(value) && value > 0 && value < 1) return value
  problems.push(`${name} must be a share between 0 and 1, such as 0.001 for 0.1 %.`)
  return fallback
}

function integerSetting(
  source: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = source[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (Number.isInteger(value) && value >= min && value <= max) return value
  problems.push(`${name} must be a whole number from ${min} to ${max}.`)
  return fallback
}

/** The key may be given as PEM text or as the path of a PEM file. */
function parseDkim(source: NodeJS.ProcessEnv, cwd: string, problems: string[]): Env['dkim'] {
  const domainName = source.DKIM_DOMAIN?.trim()
  const keySelector = source.DKIM_SELECTOR?.trim()
  const key = source.DKIM_PRIVATE_KEY?.trim()
  if (!domainName && !keySelector && !key) return undefined
  if (!domainName || !keySelector || !key) {
    problems.push('DKIM signing needs all three of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY.')
    return undefined
  }
  let privateKey = key.replace(/\\n/g, '\n')
  if (!privateKey.includes('-----BEGIN')) {
    try {
      privateKey = readFileSync(path.resolve(cwd, key), 'utf8')
    } catch {
      problems.push('DKIM_PRIVATE_KEY must be a PEM private key or the path of a readable PEM file.')
      return undefined
    }
  }
  return { domainName, keySelector, privateKey }
}

let loaded: Env | undefined

/** The environment of this process, read once. */
export function env(): Env {
  loaded ??= loadEnv()
  return loaded
}
