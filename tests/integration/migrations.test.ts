import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { onMongoDB } from '../helpers/database'
import { TEST_SECRET } from '../helpers/payload'

const root = path.resolve(import.meta.dirname, '../..')
const migrationDir = path.join(root, 'src/migrations/sqlite')

describe.skipIf(onMongoDB())('the committed SQLite migrations', () => {
  it('describe exactly the schema the collections define (production builds rely on them)', { timeout: 120_000 }, () => {
    const before = new Set(readdirSync(migrationDir))
    const index = readFileSync(path.join(migrationDir, 'index.ts'), 'utf8')
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-drift-'))
    const result = spawnSync(
      process.execPath,
      ['src/launch.mjs', 'node_modules/payload/bin.js', 'migrate:create', 'drift-check', '--skip-empty', '--disable-transpile'],
      {
        cwd: root,
        encoding: 'utf8',
        input: '',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATA_DIR: dataDir, PAYLOAD_SECRET: TEST_SECRET, LOG_FORMAT: 'json' },
      },
    )
    rmSync(dataDir, { recursive: true, force: true })
    const added = readdirSync(migrationDir).filter((file) => !before.has(file))
    // Leave the tree as it was; the message tells the developer what to run.
    for (const file of added) rmSync(path.join(migrationDir, file))
    writeFileSync(path.join(migrationDir, 'index.ts'), index)
    expect(result.status, result.stderr).toBe(0)
    expect(added, 'the collections changed: run `npm run migrate:create -- <name>` and commit the migration').toEqual([])
  })
})
