import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BasePayload, type Payload } from 'payload'
import { inject } from 'vitest'

import { testDatabaseUrl } from './database'

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef'

export type TestPayload = { payload: Payload; dir: string; databaseUrl: string; close: () => Promise<void> }

/**
 * The real Payload Local API on a fresh temporary database (SQLite unless TEST_MONGODB_URL). Each test file gets its own
 * module registry, so the config reads this file's DATABASE_URL.
 */
export async function startPayload(options: { databaseUrl?: string; pushSchema?: boolean } = {}): Promise<TestPayload> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mindful-test-'))
  const databaseUrl = options.databaseUrl ?? testDatabaseUrl(dir, 'local')
  process.env.DATABASE_URL = databaseUrl
  process.env.PAYLOAD_SECRET = TEST_SECRET
  // Hooks may queue mail: to the suite's Redis, under a prefix no worker listens on.
  process.env.REDIS_URL = inject('redisUrl')
  process.env.REDIS_PREFIX = `local-${path.basename(dir)}`
  // A database made by the migrations (the app's) must not be re-pushed by a second client.
  if (options.pushSchema === false) process.env.PAYLOAD_MIGRATING = 'true'
  const { default: config } = await import('@/src/payload.config')
  const payload = await new BasePayload().init({ config })
  return {
    payload,
    dir,
    databaseUrl,
    close: async () => {
      await (await import('@/src/services/platform/redis')).closeRedisClient()
      await payload.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
