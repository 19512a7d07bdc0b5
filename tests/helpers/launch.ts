import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'

import { testDatabaseUrl } from './database'
import { freePort } from './ports'
import { spawnWebServer } from './webServer'
import { workerArgs } from './workerCommand'

/**
 * The product started as production runs it, for the tests (tests/helpers/app.ts) and the
 * benchmarks alike: committed migrations on a fresh database, the demo content, our server
 * entry on a free loopback port and, when asked, the worker beside it. No vitest here, so the
 * benchmarks (plain scripts) share it.
 */

export type Env = Record<string, string | undefined>

export const root = path.resolve(import.meta.dirname, '../..')

export type LaunchedApp = {
  url: string
  port: number
  redisPrefix: string
  dataDir: string
  databaseUrl: string
  env: Env
  output: () => string
  worker?: ChildProcess
  stop: () => Promise<void>
}

export type LaunchOptions = {
  /** Names the temporary folder and the Redis prefix (`test`, `bench-site`…). */
  name: string
  redisUrl: string
  secret: string
  env?: Env
  /** Scripts run with the app's environment after the seed (e.g. more content for a benchmark). */
  setup?: string[]
  worker?: boolean
  /** Node flags for the worker (e.g. `--cpu-prof` when profiling) and its own settings. */
  workerFlags?: string[]
  workerEnv?: Env
}

export function runChecked(command: string, args: string[], env: Env): Promise<string> {
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

export async function waitForHttp(url: string, server: ChildProcess, output: () => string): Promise<void> {
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

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

export async function launchApp(options: LaunchOptions): Promise<LaunchedApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `mindful-${options.name}-`))
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
    PAYLOAD_SECRET: options.secret,
    PUBLIC_URL: url,
    REDIS_URL: options.redisUrl,
    // Its own queues and rate limits: test files run side by side on one Redis.
    REDIS_PREFIX: `${options.name}-${port}-${Date.now().toString(36)}`,
    ...options.env,
  }
  await runChecked(
    process.execPath,
    ['src/launch.mjs', 'node_modules/payload/bin.js', 'migrate', '--disable-transpile'],
    env,
  )
  await runChecked(process.execPath, ['src/launch.mjs', 'src/seed/run.ts'], env)
  for (const script of options.setup ?? []) await runChecked(process.execPath, ['src/launch.mjs', script], env)

  const server = spawnWebServer(env, port)
  let output = ''
  server.stdout!.on('data', (chunk) => (output += chunk))
  server.stderr!.on('data', (chunk) => (output += chunk))
  const worker = options.worker
    ? spawn(process.execPath, workerArgs(options.workerFlags), {
        cwd: root,
        env: { ...env, ...options.workerEnv } as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : undefined
  worker?.stdout!.on('data', (chunk) => (output += `[worker] ${chunk}`))
  worker?.stderr!.on('data', (chunk) => (output += `[worker] ${chunk}`))
  const stop = async () => {
    await Promise.all([stopChild(server), stopChild(worker)])
    rmSync(dataDir, { recursive: true, force: true })
  }
  await waitForHttp(url, server, () => output).catch(async (error: unknown) => {
    await stop()
    throw error
  })
  return { url, port, redisPrefix: env.REDIS_PREFIX!, dataDir, databaseUrl, env, output: () => output, worker, stop }
}

/** Logs in through the REST API and returns the header that authenticates later requests. */
export async function loginAs(app: Pick<LaunchedApp, 'url'>, credentials: { email: string; password: string }) {
  const response = await fetch(`${app.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  })
  if (!response.ok) throw new Error(`login failed with ${response.status}: ${await response.text()}`)
  const { token } = (await response.json()) as { token: string }
  return { authorization: `JWT ${token}` }
}

/** The first line of every benchmark: what it ran on. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.split(' ').slice(0, 3).join(' ')
  const date = new Date().toISOString().slice(0, 10)
  return `machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${date}`
}
