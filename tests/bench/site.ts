/**
 * `npm run bench:site`: the reader site under load, as a traffic spike meets it. Builds if
 * needed, starts the production server (`npm run start:web`) on its own port with a temporary
 * database (the seed plus 200 articles over 10 authors and 5 categories) and the real Redis,
 * then measures with autocannon (16 connections, 15 s each, one after the other in the same
 * run): an article page, the home page, and a page Next.js prerendered at build (the
 * reference). Prints figures; asserts nothing. Its last line is machine-readable.
 */
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import autocannon from 'autocannon'

import { freePort } from '../helpers/ports'
import { spawnWebServer } from '../helpers/webServer'

const root = path.resolve(import.meta.dirname, '../..')
const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, connections: { type: 'string', default: '16' } } })
const SECONDS = Number(args.seconds)
const CONNECTIONS = Number(args.connections)
const WARM_UP_SECONDS = 5
const say = (line: string) => process.stdout.write(`${line}\n`)

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, commandArgs, { cwd: root, env, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
}

type Measured = { rps: number; p50: number; p99: number; errors: number; non2xx: number }

async function measure(name: string, url: string): Promise<Measured> {
  // One request first: the page enters the cache as the first reader after a change would see it.
  const first = await fetch(url)
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`)
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS })
  const measured = { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx }
  say(
    `${name.padEnd(10)} ${measured.rps.toFixed(0).padStart(6)} req/s  p50 ${String(measured.p50).padStart(4)} ms  p99 ${String(measured.p99).padStart(4)} ms  ` +
      `errors ${measured.errors}  non-2xx ${measured.non2xx}  (${new URL(url).pathname})`,
  )
  return measured
}

async function main() {
  say(`machine: ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 3).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`)
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) run('npm', ['run', '--silent', 'build'], process.env)

  const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-bench-site-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'bench.db')}`,
    PAYLOAD_SECRET: 'bench-site-secret-0123456789abcdef01234567',
    PUBLIC_URL: url,
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `bench-site-${Date.now().toString(36)}`,
  }
  run(process.execPath, ['src/launch.mjs', 'src/seed/run.ts'], env)
  run(process.execPath, ['src/launch.mjs', 'tests/bench/siteContent.ts'], env)
  say('content: the seed plus 200 articles, 10 authors, 5 categories')
  const web = spawnWebServer(env, port, 'ignore')
  try {
    for (let i = 0; i < 300; i++) {
      if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const pages = { article: `${url}/articles/a-mindful-story-number-120`, home: `${url}/`, reference: `${url}/newsletter/check-inbox` }
    // Warm up first (JIT, connections), or whichever page is measured first pays for it.
    for (const page of Object.values(pages)) await autocannon({ url: page, connections: CONNECTIONS, duration: WARM_UP_SECONDS })
    say(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per page after ${WARM_UP_SECONDS} s of warm-up each`)
    const article = await measure('article', pages.article)
    await measure('home', pages.home)
    const reference = await measure('reference', pages.reference)
    say(`ratio_page=${(article.rps / reference.rps).toFixed(2)} rps=${article.rps.toFixed(0)} p99_ms=${article.p99}`)
  } finally {
    web.kill('SIGTERM')
    await once(web, 'exit').catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`)
    process.exit(1)
  },
)
