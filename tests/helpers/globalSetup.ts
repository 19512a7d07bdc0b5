import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { Redis } from 'ioredis'

import { freePort } from './ports'

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string
  }
}

const root = path.resolve(import.meta.dirname, '../..')

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1_000,
  })
  redis.on('error', () => undefined)
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

/** The suite's Redis: REDIS_URL when something answers there, otherwise a throwaway redis-server. */
async function provideRedis(): Promise<{ url: string; server?: ChildProcess }> {
  const configured = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
  if (await answers(configured)) return { url: configured }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      `Nothing answers at ${configured} and there is no redis-server to start one.\n` +
        'Install Redis (Debian: apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL.',
    )
  }
  const port = await freePort()
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  )
  const url = `redis://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 50 && !(await answers(url)); attempt++) await new Promise((r) => setTimeout(r, 100))
  return { url, server }
}

function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** Builds the Next.js app when it was never built or a source file changed since. */
function ensureBuild() {
  const buildId = path.join(root, '.next/BUILD_ID')
  const sources = ['src', 'collections', 'emails', 'workers'].map((dir) => newestSource(path.join(root, dir)))
  const configs = ['next.config.ts', 'package-lock.json', 'tsconfig.json'].map(
    (file) => statSync(path.join(root, file)).mtimeMs,
  )
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources, ...configs)) return
  process.stdout.write('building the app for the HTTP and browser tests (next build)…\n')
  const build = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`)
}

/** The worker as production runs it: one bundle (built in well under a second, so always). */
function buildWorker() {
  const build = spawnSync('npm', ['run', '--silent', 'build:worker'], { cwd: root, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`the worker bundle did not build:\n${build.stdout}\n${build.stderr}`)
}

export default async function setup(project: TestProject) {
  const redis = await provideRedis()
  project.provide('redisUrl', redis.url)
  buildWorker()
  // TEST_WITHOUT_BUILD=1: a quick run of unit and integration files while working, which start no web app.
  if (process.env.TEST_WITHOUT_BUILD !== '1') ensureBuild()
  return () => {
    redis.server?.kill()
  }
}
