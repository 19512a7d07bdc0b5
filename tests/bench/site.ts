/**
 * `npm run bench:site`: the reader site under load, as a traffic spike meets it. Builds if
 * needed, starts the product as production runs it (tests/helpers/launch.ts: our server entry
 * on its own port, a temporary database with the seed plus 200 articles over 10 authors and 5
 * categories, the real Redis), then measures with autocannon (16 connections, 15 s each, one
 * after the other in the same run): an article page, the home page, and a page Next.js
 * prerendered at build (the reference).
 *
 * `--during-send`: readers click through exactly when an edition lands. The worker runs beside
 * the web server as production runs it; `--readers` (60,000) confirmed readers are imported,
 * the article page is measured calm, then again while an edition goes out to all of them at
 * full speed (no send-rate cap) into a counting SMTP server. The counting server stands in for
 * a mail server on another machine, so it runs at the lowest CPU priority.
 *
 * Prints figures; asserts nothing. Its last line is machine-readable.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import autocannon from 'autocannon'

import { launchApp, loginAs, machineLine, root, type LaunchedApp } from '../helpers/launch'
import { startCounter, type CountingSmtp } from './countingSmtp'
import { importReaderList, writeReaderList } from './readers'

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    'during-send': { type: 'boolean', default: false },
    readers: { type: 'string', default: '60000' },
  },
})
const SECONDS = Number(args.seconds)
const CONNECTIONS = Number(args.connections)
const READERS = Number(args.readers)
const WARM_UP_SECONDS = 5
const ADMIN = { email: 'bench@mindful.example', password: 'bench-password-1' }
const say = (line: string) => process.stdout.write(`${line}\n`)

function build(script: string) {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`npm run ${script} failed:\n${result.stdout}\n${result.stderr}`)
}

type Measured = { rps: number; p50: number; p99: number; errors: number; non2xx: number }

async function measure(name: string, url: string, seconds = SECONDS): Promise<Measured> {
  // One request first: the page enters the cache as the first reader after a change would see it.
  const first = await fetch(url)
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`)
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds })
  const measured = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  }
  say(
    `${name.padEnd(10)} ${measured.rps.toFixed(0).padStart(6)} req/s  p50 ${String(measured.p50).padStart(4)} ms  p99 ${String(measured.p99).padStart(4)} ms  ` +
      `errors ${measured.errors}  non-2xx ${measured.non2xx}  (${new URL(url).pathname})`,
  )
  return measured
}

async function warmUp(urls: string[]) {
  // JIT and connections first, or whichever page is measured first pays for it.
  for (const url of urls) await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS })
}

async function pagesAlone(app: LaunchedApp) {
  const pages = {
    article: `${app.url}/articles/a-mindful-story-number-120`,
    home: `${app.url}/`,
    reference: `${app.url}/newsletter/check-inbox`,
  }
  await warmUp(Object.values(pages))
  say(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per page after ${WARM_UP_SECONDS} s of warm-up each`)
  const article = await measure('article', pages.article)
  await measure('home', pages.home)
  const reference = await measure('reference', pages.reference)
  say(`ratio_page=${(article.rps / reference.rps).toFixed(2)} rps=${article.rps.toFixed(0)} p99_ms=${article.p99}`)
}

async function api<T>(app: LaunchedApp, auth: Record<string, string>, method: string, apiPath: string, body?: unknown) {
  const response = await fetch(`${app.url}/api${apiPath}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

async function pagesDuringSend(app: LaunchedApp, counter: CountingSmtp) {
  const auth = await loginAs(app, ADMIN)
  const started = performance.now()
  const list = await writeReaderList(app.dataDir, READERS)
  const imported = await importReaderList(app.url, auth, list)
  if (imported.imported !== READERS) throw new Error(`only ${imported.imported} of ${READERS} readers imported`)
  say(`readers: ${READERS} imported in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  // Full speed: the send is held back by nothing but the machine.
  await api(app, auth, 'POST', '/globals/settings', { sendRatePerSecond: 10_000 })
  const { docs } = await api<{ docs: Array<{ id: number }> }>(app, auth, 'GET', '/articles?limit=6&depth=0')
  const { doc: edition } = await api<{ doc: { id: number } }>(app, auth, 'POST', '/editions', {
    subject: 'Mindful Moments #1: the site during a send',
    articles: docs.map((article) => article.id),
    status: 'draft',
  })

  const article = `${app.url}/articles/a-mindful-story-number-120`
  await warmUp([article])
  say(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per measurement after ${WARM_UP_SECONDS} s of warm-up`)
  const calm = await measure('calm', article)

  await counter.reset()
  await api(app, auth, 'POST', `/editions/${edition.id}/send`)
  // Measure once messages flow: the render and the fan-out come first.
  while ((await counter.count()) < 200) await new Promise((resolve) => setTimeout(resolve, 100))
  const before = await counter.count()
  const windowStart = performance.now()
  const during = await measure('sending', article)
  const sentInWindow = (await counter.count()) - before
  const windowSeconds = (performance.now() - windowStart) / 1000
  const { status } = await api<{ status: string }>(app, auth, 'GET', `/editions/${edition.id}?depth=0`)
  const sendRate = sentInWindow / windowSeconds
  say(`send: ${sentInWindow} messages during the measurement (${sendRate.toFixed(0)}/s), edition ${status} at its end`)
  if (status !== 'sending') say('warning: the edition finished before the measurement did; use more --readers')
  let last = 0
  for (let sent = await counter.count(); sent < READERS; sent = await counter.count()) {
    if (
      sent === last &&
      (await api<{ status: string }>(app, auth, 'GET', `/editions/${edition.id}?depth=0`)).status !== 'sending'
    )
      break
    last = sent
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const total = await counter.count()
  say(`send: ${total} of ${READERS} messages received`)
  // The calm rate moves with the machine (±15 % between runs here): measured before and after the send, averaged.
  const calmAfter = await measure('calm again', article)
  const calmRate = (calm.rps + calmAfter.rps) / 2
  say(
    `ratio_during_send=${(during.rps / calmRate).toFixed(2)} rps_calm=${calmRate.toFixed(0)} rps_sending=${during.rps.toFixed(0)} ` +
      `p99_ms=${during.p99} errors=${during.errors + during.non2xx} send_msgs_per_s=${sendRate.toFixed(0)} sent=${total}`,
  )
}

async function main() {
  say(machineLine())
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) build('build')
  const duringSend = args['during-send']
  if (duringSend) build('build:worker')
  const counter = duringSend ? await startCounter({ nice: 19 }) : undefined
  const app = await launchApp({
    name: 'bench-site',
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    secret: 'bench-site-secret-0123456789abcdef01234567',
    setup: ['tests/bench/siteContent.ts'],
    worker: duringSend,
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // WORKER_NICE=0 measures the send with the worker at the web server's priority.
      WORKER_NICE: process.env.WORKER_NICE,
      ...(counter ? { SMTP_URL: counter.url, MAIL_FROM: 'Mindful Moments <moments@mindful.example>' } : {}),
      // The bench's made-up domain has no DNS: the sender checks would (rightly) hold its list back.
      DOCTOR_REQUIRED_ABOVE: String(1_000_000_000),
    },
  })
  say('content: the seed plus 200 articles, 10 authors, 5 categories')
  try {
    if (counter) await pagesDuringSend(app, counter)
    else await pagesAlone(app)
  } finally {
    counter?.stop()
    await app.stop()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`)
    process.exit(1)
  },
)
