/**
 * `npm run bench:import [-- --rows 100000]`: a CSV of N readers imported end to end, as an
 * admin does it: uploaded to `POST /api/subscribers/import` of the production server
 * (`npm run start:web`), imported by the worker process (`dist/worker.mjs`), followed through the
 * status URL until done. Prints figures; asserts nothing. Its last line is machine-readable.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { launchApp, loginAs, machineLine, root } from '../helpers/launch'
import { peakRssMb } from '../helpers/processMemory'
import { importReaderList, writeReaderList } from './readers'

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } })
const ROWS = Number(args.rows)
const ADMIN = { email: 'bench@mindful.example', password: 'bench-password-1' }
const say = (line: string) => process.stdout.write(`${line}\n`)

function build(script: string) {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`npm run ${script} failed:\n${result.stdout}\n${result.stderr}`)
}

async function main() {
  say(machineLine())
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) build('build')
  build('build:worker')
  const app = await launchApp({
    name: 'bench-import',
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    secret: 'bench-import-secret-0123456789abcdef0123',
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    worker: true,
    // WORKER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" profiles the worker (tests/bench/profileSummary.ts reads it).
    workerFlags: process.env.WORKER_NODE_FLAGS?.split(' ').filter(Boolean),
    workerEnv: { LOG_LEVEL: 'info' },
  })
  try {
    for (let i = 0; i < 300 && !app.output().includes('worker started'); i++)
      await new Promise((resolve) => setTimeout(resolve, 200))
    const auth = await loginAs(app, ADMIN)
    const list = await writeReaderList(app.dataDir, ROWS)
    say(`file: ${ROWS} rows, ${(list.bytes / 2 ** 20).toFixed(1)} MB`)

    const started = performance.now()
    const status = await importReaderList(app.url, auth, list, () =>
      say(`upload: ${((performance.now() - started) / 1000).toFixed(1)} s`),
    )
    const seconds = (performance.now() - started) / 1000
    const rss = peakRssMb(app.worker!.pid!)
    if (status.status !== 'done' || status.imported !== ROWS)
      throw new Error(`the import ended ${status.status} with ${status.imported} of ${ROWS} imported`)
    say(`import: ${seconds.toFixed(1)} s from the upload's start to done, ${status.imported} imported`)
    say(`worker peak RSS: ${rss.toFixed(0)} MB`)
    say(`rows_per_s=${Math.round(ROWS / seconds)} rss_mb=${rss.toFixed(0)}`)
  } finally {
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
