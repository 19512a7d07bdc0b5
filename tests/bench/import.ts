/**
 * `npm run bench:import [-- --rows 100000]`: a CSV of N readers imported end to end, as an
 * admin does it: uploaded to `POST /api/subscribers/import` of the production server
 * (`npm run start:web`), imported by the worker process (`dist/worker.mjs`), followed through the
 * status URL until done. Prints figures; asserts nothing. Its last line is machine-readable.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { parseArgs } from 'node:util'

import { freePort } from '../helpers/ports'
import { spawnWebServer } from '../helpers/webServer'
import { peakRssMb } from '../helpers/processMemory'
import { workerArgs } from '../helpers/workerCommand'

const root = path.resolve(import.meta.dirname, '../..')
const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } })
const ROWS = Number(args.rows)
const ADMIN = { email: 'bench@mindful.example', password: 'bench-password-1' }
const say = (line: string) => process.stdout.write(`${line}\n`)

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, commandArgs, { cwd: root, env, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
}

async function main() {
  say(`machine: ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 3).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`)
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) run('npm', ['run', '--silent', 'build'], process.env)
  run('npm', ['run', '--silent', 'build:worker'], process.env)

  const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-bench-import-'))
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
    PAYLOAD_SECRET: 'bench-import-secret-0123456789abcdef0123',
    PUBLIC_URL: url,
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `bench-import-${Date.now().toString(36)}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  }
  run(process.execPath, ['src/launch.mjs', 'src/seed/run.ts'], env)
  const web = spawnWebServer(env, port, 'ignore')
  // WORKER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" profiles the worker (tests/bench/profileSummary.ts reads it).
  const worker = spawn(process.execPath, workerArgs(process.env.WORKER_NODE_FLAGS?.split(' ').filter(Boolean)), {
    cwd: root,
    env: { ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let workerOutput = ''
  worker.stdout!.on('data', (chunk) => (workerOutput += chunk))
  try {
    for (let i = 0; i < 300 && !workerOutput.includes('worker started'); i++) await new Promise((resolve) => setTimeout(resolve, 200))
    for (let i = 0; i < 300; i++) {
      if (await fetch(`${url}/api/health`).then(() => true, () => false)) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const login = await fetch(`${url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
    const { token } = (await login.json()) as { token: string }
    const auth = { authorization: `JWT ${token}` }

    const csv = path.join(dataDir, 'list.csv')
    const file = createWriteStream(csv)
    file.write('email,firstName,consentGivenAt,consentSource,consentWording,confirmedAt\n')
    for (let i = 0; i < ROWS; i++) {
      const line = `reader-${String(i).padStart(7, '0')}@bench.example,${i % 2 ? 'Zoë' : ''},2025-01-01T00:00:00Z,old tool,Send me Mindful Moments,2025-01-01T00:05:00Z\n`
      if (!file.write(line)) await once(file, 'drain')
    }
    await new Promise((resolve) => file.end(resolve))
    const bytes = statSync(csv).size
    say(`file: ${ROWS} rows, ${(bytes / 2 ** 20).toFixed(1)} MB`)

    const started = performance.now()
    const upload = await fetch(`${url}/api/subscribers/import`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv', 'content-length': String(bytes) },
      body: Readable.toWeb(createReadStream(csv)) as ReadableStream,
      duplex: 'half',
    } as RequestInit)
    if (upload.status !== 202) throw new Error(`the upload was refused: ${upload.status} ${await upload.text()}`)
    const { statusUrl } = (await upload.json()) as { statusUrl: string }
    const uploaded = performance.now()
    say(`upload: ${((uploaded - started) / 1000).toFixed(1)} s`)
    let status: { status: string; processed: number; imported: number }
    for (;;) {
      status = (await (await fetch(`${url}${statusUrl}`, { headers: auth })).json()) as typeof status
      if (status.status === 'done' || status.status === 'failed') break
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const seconds = (performance.now() - started) / 1000
    const rss = peakRssMb(worker.pid!)
    if (status.status !== 'done' || status.imported !== ROWS) throw new Error(`the import ended ${status.status} with ${status.imported} of ${ROWS} imported`)
    say(`import: ${seconds.toFixed(1)} s from the upload's start to done, ${status.imported} imported`)
    say(`worker peak RSS: ${rss.toFixed(0)} MB`)
    say(`rows_per_s=${Math.round(ROWS / seconds)} rss_mb=${rss.toFixed(0)}`)
  } finally {
    web.kill('SIGTERM')
    worker.kill('SIGTERM')
    await Promise.all([once(web, 'exit'), once(worker, 'exit')]).catch(() => undefined)
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
