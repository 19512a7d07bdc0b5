import { logger } from './services/logger'

/**
 * Runs a command-line task and exits with its outcome.
 *
 * Two habits keep it reliable under tsx's loader (measured on Node 20.20, where a plain
 * top-level `await getPayload()` quit with exit code 13 about one run in three): no
 * top-level await in the entry file, and a timer that holds the event loop open while
 * Payload loads its modules, since a pending import() through the loader holds nothing.
 */
export function runScript(name: string, task: () => Promise<void>): void {
  const holdOpen = setInterval(() => undefined, 60_000)
  task().then(
    () => exitWith(0),
    (error: unknown) => {
      clearInterval(holdOpen)
      logger.error({ err: error }, `${name} failed`)
      exitWith(1)
    },
  )
}

/** Sets exitCode first: Node 20 replaces an unset one with 13 while the loader is busy. */
function exitWith(code: number): never {
  process.exitCode = code
  process.exit(code)
}
