import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The one path alias (tsconfig.json's `@/*`): `@/src/…`, `@/collections/…` from anywhere.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    pool: 'forks',
    // Two cores: each HTTP test file runs its own production server.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    env: { LOG_LEVEL: 'warn', LOG_FORMAT: 'json' },
  },
})
