import { defineConfig } from 'vitest/config'

export default defineConfig({
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
