import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BasePayload, type Payload } from 'payload'

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef'

export type TestPayload = { payload: Payload; dir: string; databaseFile: string; close: () => Promise<void> }

/**
 * The real Payload Local API on a fresh temporary SQLite file. Each test file gets its own
 * module registry, so the config reads this file's DATABASE_URL.
 */
export async function startPayload(options: { databaseFile?: string; pushSchema?: boolean } = {}): Promise<TestPayload> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mindful-test-'))
  const databaseFile = options.databaseFile ?? path.join(dir, 'test.db')
  process.env.DATABASE_URL = `file:${databaseFile}`
  process.env.PAYLOAD_SECRET = TEST_SECRET
  // A database made by the migrations (the app's) must not be re-pushed by a second client.
  if (options.pushSchema === false) process.env.PAYLOAD_MIGRATING = 'true'
  const { default: config } = await import('../../src/payload.config')
  const payload = await new BasePayload().init({ config })
  return {
    payload,
    dir,
    databaseFile,
    close: async () => {
      await payload.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
