import { readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

/**
 * The node arguments `npm run worker` uses (after it builds the bundle), read from
 * package.json so tests and the benchmark start the worker exactly as production does.
 * `extraFlags` go to node before the entry (e.g. --cpu-prof when profiling).
 */
export function workerArgs(extraFlags: string[] = []): string[] {
  const script = (
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts.worker
  const command = script
    .split('&&')
    .map((part) => part.trim())
    .find((part) => part.startsWith('node '))
  if (!command) throw new Error(`the worker script does not start node: ${script}`)
  const [launcher, ...rest] = command.split(/\s+/).slice(1)
  return [launcher, ...extraFlags, ...rest]
}
