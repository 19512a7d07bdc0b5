import type { Payload } from 'payload'

import { logger } from './services/platform/logger'

/**
 * Runs a command-line task and always ends the process with an explicit exit code. The
 * launcher (src/launch.mjs) presets exit code 75 so it can tell a start that Node dropped
 * while loading modules from a real one; only an explicit exit reports success. No
 * top-level await in entry files either: a pending one turns that drop into exit code 13.
 * A task may return its own exit code (a report that found problems exits 1 without an error).
 */
export function runScript(name: string, task: () => Promise<void | number>): void {
  task().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      logger.error({ err: error }, `${name} failed`)
      process.exit(1)
    },
  )
}

/**
 * Payload for a command whose stdout is its output (a report, an edition's HTML): development
 * pushes the schema on start and draws its progress on stdout, so that goes to stderr here.
 * Loaded lazily, after the launcher has set things up.
 */
export async function payloadForScript(): Promise<Payload> {
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  const { getPayload } = await import('payload')
  const { default: config } = await import('./payload.config')
  const stdoutWrite = process.stdout.write
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
  return getPayload({ config }).finally(() => (process.stdout.write = stdoutWrite))
}
