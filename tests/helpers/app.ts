import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'

import { testDatabaseUrl } from './database'
import { freePort } from './ports'
import { TEST_SECRET } from './payload'
import { spawnWebServer } from './webServer'
import { workerArgs } from './workerCommand'

type Env = Record<string, string | undefined>

const root = path.resolve(import.meta.dirname, '../..')

export const ADMIN = { email: 'admin@mindful.test', password: 'admin-password-1' }

export type RunningApp = {
  url: string
  redisPrefix: string
  dataDir: string
  databaseUrl: string
  env: Env
  output: () => string
  stop: () => Promise<void>
}

function run(command: string, args: string[], env: Env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)),
    )
  })
}

async function waitForHttp(url: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited (${server.exitCode}):\n${output()}`)
    try {
      await fetch(`${url}/api/health`)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error(`the app did not answer within 60 s:\n${output()}`)
}

/**
 * The product as a user runs it in production: the committed migrations applied to a fresh
 * database, the demo content seeded, our server entry (Next.js's production server) on a free port, and, when
 * asked, the worker beside it.
 */
export async function startApp(extraEnv: Env = {}, options: { worker?: boolean } = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-app-'))
  const databaseUrl = testDatabaseUrl(dataDir, 'app')
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env: Env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PAYLOAD_SECRET: TEST_SECRET,
    PUBLIC_URL: url,
    REDIS_URL: inject('redisUrl'),
    // Its own queues and rate limits: test files run side by side on one Redis.
    REDIS_PREFIX: `test-${port}-${Date.now().toString(36)}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // The tests play the one reverse proxy: the X-Forwarded-For they send names the client.
    TRUSTED_PROXY_HOPS: '1',
    ...extraEnv,
  }
  await run(process.execPath, ['src/launch.mjs', 'node_modules/payload/bin.js', 'migrate', '--disable-transpile'], env)
  await run(process.execPath, ['src/launch.mjs', 'src/seed/run.ts'], env)

  const server = spawnWebServer(env, port)
  let output = ''
  server.stdout!.on('data', (chunk) => (output += chunk))
  server.stderr!.on('data', (chunk) => (output += chunk))
  const worker = options.worker
    ? spawn(process.execPath, workerArgs(), { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    : undefined
  worker?.stdout!.on('data', (chunk) => (output += `[worker] ${chunk}`))
  worker?.stderr!.on('data', (chunk) => (output += `[worker] ${chunk}`))
  await waitForHttp(url, server, () => output)

  return {
    url,
    redisPrefix: env.REDIS_PREFIX!,
    dataDir,
    databaseUrl,
    env,
    output: () => output,
    stop: async () => {
      await Promise.all(
        [server, worker].map(async (child) => {
          if (!child || child.exitCode !== null) return
          const exited = new Promise((resolve) => child.once('exit', resolve))
          child.kill('SIGTERM')
          await exited
        }),
      )
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Runs a command-line entry with the app's environment (its database, its Redis prefix). */
export function runWithAppEnv(app: RunningApp, args: string[]): Promise<string> {
  return run(process.execPath, args, app.env)
}

/**
 * One more web process of the same app (same database, same Redis), as production runs
 * several behind a load balancer.
 */
export async function startAnotherWebProcess(app: RunningApp): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server = spawnWebServer(app.env, port)
  let output = ''
  server.stdout!.on('data', (chunk) => (output += chunk))
  server.stderr!.on('data', (chunk) => (output += chunk))
  await waitForHttp(url, server, () => output)
  return {
    url,
    stop: async () => {
      if (server.exitCode !== null) return
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    },
  }
}

/** Logs in through the REST API and returns the header that authenticates later requests. */
export async function loginAs(app: RunningApp, credentials: { email: string; password: string }) {
  const response = await fetch(`${app.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  })
  if (!response.ok) throw new Error(`login failed with ${response.status}: ${await response.text()}`)
  const { token } = (await response.json()) as { token: string }
  return { authorization: `JWT ${token}` }
}

export const EDITOR = { name: 'Edie Editor', email: 'edie@mindful.test', password: 'editor-password-1', role: 'editor' }

/** Creates the editor account (as the seeded admin) and returns its auth header. */
export async function signInEditor(app: RunningApp): Promise<{ authorization: string }> {
  const admin = await loginAs(app, ADMIN)
  const response = await fetch(`${app.url}/api/users`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify(EDITOR),
  })
  if (response.status !== 201) throw new Error(`could not create the editor: ${response.status} ${await response.text()}`)
  return loginAs(app, EDITOR)
}

/** A reader with consent evidence (active unless `fields` say otherwise), created by an admin as an import would. */
export async function createActiveReader(app: RunningApp, admin: { authorization: string }, email: string, fields: Record<string, unknown> = {}): Promise<void> {
  const response = await fetch(`${app.url}/api/subscribers`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, status: 'active', consent: { givenAt: '2026-01-01T00:00:00.000Z', source: 'test', wording: 'Yes', wordingVersion: '1' }, ...fields }),
  })
  if (response.status !== 201) throw new Error(`could not create the reader: ${response.status} ${await response.text()}`)
}
