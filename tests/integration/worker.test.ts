import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'

import { testDatabaseUrl } from '../helpers/database'
import { TEST_SECRET } from '../helpers/payload'
import { workerArgs } from '../helpers/workerCommand'

const root = path.resolve(import.meta.dirname, '../..')

describe('the worker process', () => {
  it('starts against the database and Redis, then stops cleanly on SIGTERM', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-worker-'))
    const worker = spawn(process.execPath, workerArgs(), {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'development',
        LOG_FORMAT: 'json',
        DATA_DIR: dataDir,
        DATABASE_URL: testDatabaseUrl(dataDir, 'worker'),
        PAYLOAD_SECRET: TEST_SECRET,
        REDIS_URL: inject('redisUrl'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    worker.stdout.on('data', (chunk) => (output += chunk))
    worker.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => worker.on('exit', resolve))

    await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toContain('worker started')
    worker.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(output).toContain('worker stopping')
    rmSync(dataDir, { recursive: true, force: true })
  })
})
