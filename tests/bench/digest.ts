/**
 * `npm run bench [-- --subscribers 100000]`: one "Mindful Moments" edition end to end
 * through the real worker process, against a counting SMTP server in a process of its own,
 * and three baselines against the same server with the same message, each measured before
 * and after the pipeline (the machine's pace drifts; the mean is used, the spread printed):
 *   (a) nodemailer.sendMail per message over a pooled transport, as a hand-written script does;
 *   (b) the bare ceiling: the message composed once, sent as a raw MIME string with only the
 *       recipient and link substituted (`ratio_b_bare`, the figure of earlier runs);
 *   (c) the ceiling: composed once by our composer, and per reader what a correct sender must
 *       add (a signed unsubscribe token, a stable Message-ID, the greeting), sent as raw bytes.
 *       `ratio_b` is the pipeline against (c): what its bookkeeping (batches, leases, Redis
 *       progress, outcomes) costs.
 * With `--topics 6`, the edition's stories are spread over six topics and every other reader
 * chose some of them (30 distinct selections): the pipeline renders once per distinct set of
 * stories, and the figures say how many renders that took. With `--newsletters 2`, a second
 * newsletter shares the list (a third of the readers in Mindful Moments alone, a third in
 * both, a third in the other alone): the Mindful Moments edition reaches two thirds, and the
 * ceiling reads exactly those readers too. Topics and newsletters come in through the
 * import's own columns, as a list would bring them.
 * Prints figures; asserts nothing. Its last line is machine-readable.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Redis } from 'ioredis'
import nodemailer from 'nodemailer'
import MailComposer from 'nodemailer/lib/mail-composer'
import type { Payload } from 'payload'
import type { Category } from '@/src/payload-types'
import { cpuSeconds, peakRssMb, threadCpuSeconds } from '../helpers/processMemory'
import { machineLine } from '../helpers/launch'
import { workerArgs } from '../helpers/workerCommand'
import { startCounter, type CountingSmtp } from './countingSmtp'
import { readerPlaceholders, type ReaderPlaceholders } from '@/src/services/digest/message'

const root = path.resolve(import.meta.dirname, '../..')
const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '10000' },
    'baseline-messages': { type: 'string' },
    connections: { type: 'string', default: '6' },
    topics: { type: 'string', default: '0' },
    newsletters: { type: 'string', default: '1' },
  },
})
const TOPICS = Number(args.topics)
const NEWSLETTERS = Number(args.newsletters)
/** The newsletters cell of reader `i`: with two, a third each in one, both, the other. */
const newslettersOfReader = (i: number) =>
  NEWSLETTERS > 1 ? ['mindful-moments', 'mindful-moments love-letters', 'love-letters'][i % 3] : ''

const SUBSCRIBERS = Number(args.subscribers)
/** The readers the Mindful Moments edition reaches: with two newsletters, all but every third (i % 3 === 2). */
const RECIPIENTS = NEWSLETTERS > 1 ? SUBSCRIBERS - Math.floor(SUBSCRIBERS / 3) : SUBSCRIBERS
const CONNECTIONS = Number(args.connections)
/** The baselines measure a rate; this many messages are plenty for a steady one. */
const BASELINE_MESSAGES = Number(args['baseline-messages'] ?? Math.min(SUBSCRIBERS, 10_000))
/** Readers per page the fair ceiling reads, as the worker's default batch. */
const READER_PAGE = 1_000
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef'

const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-bench-'))
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const prefix = `bench-${Date.now().toString(36)}`
Object.assign(process.env, {
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, 'bench.db')}`,
  PAYLOAD_SECRET: SECRET,
  REDIS_URL: redisUrl,
  REDIS_PREFIX: prefix,
  PUBLIC_URL: 'https://mindful.example',
  MAIL_FROM: 'Mindful Moments <moments@mindful.example>',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  LOG_FORMAT: 'json',
  // The bench's made-up domain has no DNS: the sender checks would (rightly) hold its list back.
  DOCTOR_REQUIRED_ABOVE: String(1_000_000_000),
})

const say = (line: string) => process.stdout.write(`${line}\n`)

const MORE_TITLES = [
  'Five Small Rituals for a Calmer Relationship',
  'What Your First Argument Teaches You',
  'Dating Slowly in a Fast World',
  'How to Listen When It Is Hard',
  'Boundaries That Bring You Closer',
]

async function seed(payload: Payload) {
  const { seedDemoContent } = await import('@/src/seed/seedDemoContent')
  await seedDemoContent(payload)
  await payload.updateGlobal({ slug: 'settings', data: { sendRatePerSecond: 10_000 } })
  const topics: Category[] = []
  for (let t = 0; t < TOPICS; t++)
    topics.push(await payload.create({ collection: 'categories', data: { name: `Topic ${t + 1}` }, depth: 0 }))
  const selections = topicSelections(TOPICS)
  // Every other reader chose one of the selections; the rest take everything.
  const topicsOfReader = (i: number) =>
    TOPICS > 0 && i % 2 === 1 ? selections[(i >> 1) % selections.length].map((t) => topics[t].slug).join(' ') : ''
  if (NEWSLETTERS > 1)
    await payload.create({
      collection: 'newsletters',
      data: { name: 'Love Letters', slug: 'love-letters', cadence: 'manual', weekday: 'monday', sendTime: '08:00' },
    })
  // The readers come in as a list would: a CSV through the import path (streamed, chunked), not one create per reader.
  const { importFilePath, runImport } = await import('@/src/services/newsletter/subscriberImport')
  const storedAs = `bench-${Date.now()}`
  mkdirSync(path.dirname(importFilePath(storedAs)), { recursive: true })
  const file = createWriteStream(importFilePath(storedAs))
  file.write('email,firstName,consentGivenAt,consentSource,confirmedAt,topics,newsletters\n')
  for (let i = 0; i < SUBSCRIBERS; i++) {
    // Half the readers gave a first name: the greeting is substituted for every one of them.
    const row = `${recipient(i)},${i % 2 ? 'Zoë' : ''},2025-01-01T00:00:00Z,bench,2025-01-01T00:05:00Z,${topicsOfReader(i)},${newslettersOfReader(i)}\n`
    if (!file.write(row)) await once(file, 'drain')
  }
  await new Promise((resolve) => file.end(resolve))
  const started = performance.now()
  const listImport = await payload.create({
    collection: 'subscriber-imports',
    data: { storedAs, fileName: 'bench.csv', status: 'queued' },
    depth: 0,
    overrideAccess: true,
  })
  if ((await runImport(payload, listImport.id)) !== 'done') throw new Error('the bench list did not import')
  const seconds = (performance.now() - started) / 1000
  say(
    `seeded ${SUBSCRIBERS} active readers through the import in ${seconds.toFixed(1)} s (${Math.round(SUBSCRIBERS / seconds)} rows/s)`,
  )
  // A typical edition: the seed article and five more, each with its picture.
  const [seedArticle] = (await payload.find({ collection: 'articles', limit: 1, depth: 0 })).docs
  const articles = [seedArticle.id]
  for (const title of MORE_TITLES) {
    const copy = await payload.create({
      collection: 'articles',
      data: {
        title,
        dek: seedArticle.dek,
        body: seedArticle.body,
        authors: seedArticle.authors,
        category: seedArticle.category,
        heroImage: seedArticle.heroImage,
        _status: 'published',
      },
      depth: 0,
    })
    articles.push(copy.id)
  }
  // One topic per story (article k in topic k mod TOPICS).
  for (const [k, id] of TOPICS > 0 ? articles.entries() : [])
    await payload.update({ collection: 'articles', id, data: { category: topics[k % TOPICS].id }, depth: 0 })
  if (TOPICS > 0) say(`topics: ${TOPICS}, ${selections.length} distinct selections among half the readers`)
  if (NEWSLETTERS > 1) say(`newsletters: ${NEWSLETTERS}; the Mindful Moments edition reaches ${RECIPIENTS} readers`)
  return payload.create({
    collection: 'editions',
    data: {
      number: 1,
      subject: 'Mindful Moments #1: How to Regain a Partner’s Lost Trust',
      intro: 'This fortnight: trust, and how to rebuild it.',
      articles,
      status: 'draft',
    },
    depth: 0,
  })
}

/** Every selection of one, two or three of the topics, as many as there are (30 for six topics). */
function topicSelections(count: number): number[][] {
  const all: number[][] = []
  for (let a = 0; a < count; a++) {
    all.push([a])
    for (let b = a + 1; b < count; b++) {
      all.push([a, b])
      for (let c = b + 1; c < count && all.length < 30; c++) all.push([a, b, c])
    }
  }
  return all.slice(0, 30)
}

async function runPipeline(payload: Payload, edition: { id: number | string }, smtpUrl: string, counter: CountingSmtp) {
  const build = spawnSync('npm', ['run', '--silent', 'build:worker'], { cwd: root, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`the worker did not build: ${build.stderr}`)
  const worker = spawn(process.execPath, workerArgs(process.env.WORKER_NODE_FLAGS?.split(' ').filter(Boolean)), {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SMTP_URL: smtpUrl,
      DIGEST_SMTP_CONNECTIONS: String(CONNECTIONS),
      // At the web server's priority: this measures the pipeline at full speed, as the baselines run.
      WORKER_NICE: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // WORKER_OUTPUT=file keeps what the worker printed (its log, or --trace-gc's lines when profiling).
  if (process.env.WORKER_OUTPUT) worker.stdout!.pipe(createWriteStream(process.env.WORKER_OUTPUT))
  await new Promise<void>((resolve, reject) => {
    let output = ''
    worker.stdout!.on('data', (chunk) => {
      if (output.includes('worker started')) return
      output += chunk
      if (output.includes('worker started')) resolve()
    })
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it started`)))
  })

  const { openQueue, QUEUES } = await import('@/src/services/platform/queues')
  const { digestJobs } = await import('@/src/services/digest/jobs')
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const editions = openQueue(QUEUES.editions, redis)
  const deliveries = openQueue(QUEUES.deliveries, redis)
  const { startSending } = await import('@/src/services/digest/send')

  await counter.reset()
  const cpuAtStart = { worker: cpuSeconds(worker.pid!), counter: cpuSeconds(counter.pid) }
  const threadsAtStart = threadCpuSeconds(worker.pid!)
  const started = performance.now()
  await startSending(payload, edition.id, digestJobs(editions, deliveries))
  let sent
  for (;;) {
    sent = await payload.findByID({ collection: 'editions', id: edition.id, depth: 0 })
    if (sent.status === 'sent' || sent.status === 'failed') break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const seconds = (performance.now() - started) / 1000
  const rss = peakRssMb(worker.pid!)
  const threads = [...threadCpuSeconds(worker.pid!)]
    .map(([thread, seconds]) => [thread, seconds - (threadsAtStart.get(thread) ?? 0)] as const)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 3)
  const cpu = {
    threads,
    worker: cpuSeconds(worker.pid!) - cpuAtStart.worker,
    counter: cpuSeconds(counter.pid) - cpuAtStart.counter,
  }
  const received = await counter.count()
  worker.kill('SIGTERM')
  await new Promise((resolve) => worker.once('exit', resolve))
  await Promise.all([editions.close(), deliveries.close()])
  await redis.quit()
  if (sent.status !== 'sent' || received !== RECIPIENTS)
    throw new Error(`the edition ended ${sent.status} with ${received} of ${RECIPIENTS} messages received`)
  // The whole edition is one render; each variant (a distinct set of stories readers' topics picked) one more.
  const { totalDocs: variants } = await payload.count({
    collection: 'edition-variants',
    where: { edition: { equals: edition.id } },
    overrideAccess: true,
  })
  return {
    seconds,
    rss,
    cpu,
    renders: 1 + variants,
    renderMs: sent.snapshot?.renderMs ?? NaN,
    html: sent.snapshot!.html!,
    text: sent.snapshot!.text!,
    subject: sent.snapshot!.subject!,
    placeholders: readerPlaceholders(sent.snapshot!.placeholderKey),
  }
}

type Message = { subject: string; html: string; text: string; placeholders: ReaderPlaceholders }

const FROM = { name: 'Mindful Moments', address: 'moments@mindful.example' }
const recipient = (i: number) => `reader-${String(i).padStart(6, '0')}@bench.example`
const link = (i: number) => `https://mindful.example/newsletter/unsubscribe?token=reader-${i}-token`

/** Sends `count` messages through `send`, keeping `CONNECTIONS` in flight, and returns messages per second. */
async function rate(count: number, send: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < count) await send(next++)
    }),
  )
  return count / ((performance.now() - started) / 1000)
}

/** (a) What a hand-written script does: sendMail with the whole message, once per reader. */
async function baselineSendMail(smtpUrl: string, message: Message): Promise<number> {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  } as never)
  const result = await rate(BASELINE_MESSAGES, (i) =>
    transport.sendMail({
      from: FROM,
      to: recipient(i),
      subject: message.subject,
      html: message.html
        .replaceAll(message.placeholders.token, `reader-${i}-token`)
        .replaceAll(message.placeholders.name, 'there'),
      text: message.text
        .replaceAll(message.placeholders.token, `reader-${i}-token`)
        .replaceAll(message.placeholders.name, 'there'),
      headers: { 'List-Unsubscribe': `<${link(i)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    }),
  )
  transport.close()
  return result
}

/** (b) The ceiling: composed once, then raw MIME with the recipient's link substituted. */
async function baselineRaw(smtpUrl: string, message: Message): Promise<number> {
  const raw = (
    await new MailComposer({
      from: FROM,
      to: 'RECIPIENT@placeholder.invalid',
      subject: message.subject,
      html: message.html,
      text: message.text,
      textEncoding: 'quoted-printable',
      headers: {
        'List-Unsubscribe': `<https://mindful.example/newsletter/unsubscribe?token=${message.placeholders.token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    })
      .compile()
      .build()
  ).toString('ascii')
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  } as never)
  const result = await rate(BASELINE_MESSAGES, (i) =>
    transport.sendMail({
      envelope: { from: FROM.address, to: [recipient(i)] },
      raw: raw
        .replace('RECIPIENT@placeholder.invalid', recipient(i))
        .replaceAll(message.placeholders.token, `reader-${i}-token`),
    }),
  )
  transport.close()
  return result
}

/**
 * (c) The fair ceiling: the per-message work any correct sender of this digest must do, and
 * nothing else. Composed once (our composer); the readers read from the database as any
 * sender of a list must (the Local API, pages of `READER_PAGE` in id order, the four fields a
 * message needs); then per reader: a signed unsubscribe token, a stable Message-ID, the
 * greeting and the address put in (our `personalize`), one raw message on the pool. What the
 * pipeline adds on top is only its bookkeeping: batches, leases, Redis progress, outcomes.
 * (b) skips the token, the Message-ID, the greeting and the list itself, so it measures a
 * sender that could not unsubscribe anyone safely and knows its readers by heart.
 */
async function baselineFair(payload: Payload, smtpUrl: string, message: Message): Promise<number> {
  const [mindfulMoments] = (
    await payload.find({ collection: 'newsletters', where: { slug: { equals: 'mindful-moments' } }, depth: 0 })
  ).docs
  const mindfulMomentsId = mindfulMoments.id
  const { composeDigestTemplate, personalize, stableMessageIdLocalPart } = await import('@/src/services/digest/message')
  const { digestHeaders } = await import('@/src/services/digest/templates')
  const { MINDFUL_MOMENTS_DEFAULTS } = await import('@/src/services/newsletter/newsletters')
  const { unsubscribeToken } = await import('@/src/services/newsletter/links')
  const template = await composeDigestTemplate(
    { subject: message.subject, html: message.html, text: message.text },
    { from: FROM, headers: digestHeaders(FROM.address, message.placeholders.token, MINDFUL_MOMENTS_DEFAULTS) },
    message.placeholders,
  )
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  } as never)
  type Reader = { id: number | string; email: string; firstName?: string | null; linkKey?: string | null }
  let page: Reader[] = []
  let afterId: number | string | undefined
  const readerAt = async (i: number): Promise<Reader> => {
    const offset = i % READER_PAGE
    if (offset === 0 || page.length === 0) {
      const { docs } = await payload.find({
        collection: 'subscribers',
        where: {
          and: [
            { status: { equals: 'active' } },
            // The edition's own readers, as the fan-out picks them.
            { newsletters: { equals: mindfulMomentsId } },
            ...(afterId === undefined ? [] : [{ id: { greater_than: afterId } }]),
          ],
        },
        select: { email: true, status: true, firstName: true, linkKey: true },
        sort: 'id',
        limit: READER_PAGE,
        depth: 0,
        pagination: false,
        overrideAccess: true,
      })
      page = docs
      afterId = docs.at(-1)?.id
    }
    return page[offset]
  }
  // The pages are read in turn, as a sender walking its list does; the sends overlap as in (a) and (b).
  let reading = Promise.resolve()
  const result = await rate(BASELINE_MESSAGES, async (i) => {
    const turn = reading.then(() => readerAt(i))
    reading = turn.then(() => undefined)
    const reader = await turn
    const messageId = stableMessageIdLocalPart(SECRET, 1, reader.id)
    return transport.sendMail({
      envelope: { from: FROM.address, to: [reader.email] },
      raw: personalize(template, {
        token: unsubscribeToken({ id: reader.id, linkKey: reader.linkKey ?? '' }),
        address: reader.email,
        messageId,
        name: reader.firstName || 'there',
      }),
      messageId: `<${messageId}@${template.messageIdDomain}>`,
    })
  })
  transport.close()
  return result
}

type Baselines = { a: number; b: number; c: number }

/**
 * With CEILING_PROFILE_DIR set, the ceiling's sending is profiled (V8 CPU profile), so it can be
 * set beside the worker's (`WORKER_NODE_FLAGS="--cpu-prof …"`) with profileSummary.ts.
 */
async function profiled<T>(run: () => Promise<T>): Promise<T> {
  const directory = process.env.CEILING_PROFILE_DIR
  if (!directory) return run()
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  try {
    return await run()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    mkdirSync(directory, { recursive: true })
    writeFileSync(path.join(directory, `ceiling-${Date.now()}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
}
/** CPU microseconds per message during (c): the sender (this process) and the SMTP server. */
type CeilingCpu = { sender: number; counter: number }

/** The three baselines, one after the other. */
async function baselines(
  payload: Payload,
  counter: CountingSmtp,
  message: Message,
): Promise<Baselines & { cCpu: CeilingCpu }> {
  const a = await baselineSendMail(counter.url, message)
  const b = await baselineRaw(counter.url, message)
  const [sender, counterAt] = [process.cpuUsage(), cpuSeconds(counter.pid)]
  const c = await profiled(() => baselineFair(payload, counter.url, message))
  const used = process.cpuUsage(sender)
  const cCpu = {
    sender: (used.user + used.system) / BASELINE_MESSAGES,
    counter: ((cpuSeconds(counter.pid) - counterAt) * 1e6) / BASELINE_MESSAGES,
  }
  return { a, b, c, cCpu }
}

/** The edition rendered as the send renders it, for the baselines measured before the pipeline runs. */
async function renderForBaselines(payload: Payload, editionId: number | string): Promise<Message> {
  const { everyReader, loadEditionContent, renderEdition } = await import('@/src/services/digest/content')
  const { newPlaceholderKey } = await import('@/src/services/digest/message')
  const placeholders = readerPlaceholders(newPlaceholderKey())
  const email = await renderEdition(payload, await loadEditionContent(payload, editionId), everyReader(placeholders))
  return { subject: email.subject, html: email.html, text: email.text, placeholders }
}

const spread = (x: number, y: number) => `${((Math.abs(x - y) / ((x + y) / 2)) * 100).toFixed(0)} %`

async function main() {
  say(machineLine())
  // Payload first: if Node drops its module loading (payload#17757), nothing else keeps
  // the process alive, it ends with the launcher's code 75 and is started again.
  const { getPayload } = await import('payload')
  const { default: config } = await import('@/src/payload.config')
  const payload = await getPayload({ config })
  const counter = await startCounter()
  try {
    const edition = await seed(payload)
    // The ceiling moves with the machine: measured before and after the pipeline, averaged, its spread printed.
    const before = await baselines(payload, counter, await renderForBaselines(payload, edition.id))
    const pipeline = await runPipeline(payload, edition, counter.url, counter)
    const after = await baselines(payload, counter, pipeline)
    const mean = (key: keyof Baselines) => (before[key] + after[key]) / 2
    const [a, b, c] = [mean('a'), mean('b'), mean('c')]
    const messagesPerSecond = RECIPIENTS / pipeline.seconds
    const size = Buffer.byteLength(pipeline.html) + Buffer.byteLength(pipeline.text)
    say(`subscribers: ${SUBSCRIBERS}, recipients: ${RECIPIENTS}`)
    say(`message size: ${(size / 1024).toFixed(1)} KB (html + text), ${CONNECTIONS} SMTP connections`)
    say(`render (once): ${pipeline.renderMs} ms`)
    say(`renders: ${pipeline.renders} (the whole edition, and one per distinct set of stories readers' topics picked)`)
    say(`pipeline: ${pipeline.seconds.toFixed(2)} s from "send" to "sent", ${messagesPerSecond.toFixed(0)} messages/s`)
    say(`worker peak RSS: ${pipeline.rss.toFixed(0)} MB`)
    const perMessage = (seconds: number) => ((seconds * 1e6) / RECIPIENTS).toFixed(0)
    say(
      `CPU per message, pipeline: worker ${perMessage(pipeline.cpu.worker)} µs (busy ${((pipeline.cpu.worker / pipeline.seconds) * 100).toFixed(0)} % of a core), SMTP server ${perMessage(pipeline.cpu.counter)} µs`,
    )
    say(
      `busiest worker threads during the send: ${pipeline.cpu.threads.map(([thread, seconds]) => `${thread} ${((seconds / pipeline.seconds) * 100).toFixed(0)} %`).join(', ')}`,
    )
    const ceilingCpu = (key: keyof CeilingCpu) => ((before.cCpu[key] + after.cCpu[key]) / 2).toFixed(0)
    say(`CPU per message, ceiling (c): sender ${ceilingCpu('sender')} µs, SMTP server ${ceilingCpu('counter')} µs`)
    const line = (name: string, key: keyof Baselines) =>
      say(
        `${name}: ${mean(key).toFixed(0)} messages/s (before ${before[key].toFixed(0)}, after ${after[key].toFixed(0)}, spread ${spread(before[key], after[key])}; ${BASELINE_MESSAGES} messages each)`,
      )
    line('baseline (a) sendMail per message', 'a')
    line('baseline (b) raw MIME composed once, bare', 'b')
    line(
      'baseline (c) raw MIME composed once, readers read from the database, with token, Message-ID and greeting (the ceiling)',
      'c',
    )
    say(
      `ratio_a=${(messagesPerSecond / a).toFixed(2)} ratio_b=${(messagesPerSecond / c).toFixed(2)} ratio_b_bare=${(messagesPerSecond / b).toFixed(2)} msgs_per_s=${messagesPerSecond.toFixed(0)} rss_mb=${pipeline.rss.toFixed(0)} renders=${pipeline.renders}`,
    )
  } finally {
    counter.stop()
    await payload.destroy()
    const cleanup = new Redis(redisUrl)
    const keys = await cleanup.keys(`${prefix}:*`)
    if (keys.length > 0) await cleanup.del(...keys)
    await cleanup.quit()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`the benchmark failed: ${(error as Error).stack ?? error}\n`)
    process.exit(1)
  },
)
