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
