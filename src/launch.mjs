// Starts a TypeScript entry point (worker, seed, CLI) with tsx, and starts it again when
// Node quits with exit code 13 ("unsettled top-level await").
//
// Why: on Node 20.20, statically importing @payloadcms/richtext-lexical with
// NODE_ENV=production leaves module evaluation unsettled in about 1 start in 8 (measured
// with plain `node`, no tsx involved); Node then exits 13 before any of our code runs.
// The Next.js server bundles its modules and is not affected. Exit code 13 can only happen
// while modules load, so a fresh start is safe.
//
// Usage: node src/launch.mjs [node flags…] entry.ts [args…]
import { spawn } from 'node:child_process'

const UNSETTLED_TOP_LEVEL_AWAIT = 13
const MAX_STARTS = 5

const argv = process.argv.slice(2)
const entryIndex = argv.findIndex((arg) => !arg.startsWith('-'))
if (entryIndex === -1) {
  process.stderr.write('usage: node src/launch.mjs [node flags…] entry.ts [args…]\n')
  process.exit(2)
}
const nodeFlags = argv.slice(0, entryIndex)
const [entry, ...args] = argv.slice(entryIndex)

let child
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child?.kill(signal))
}

function start(attempt) {
  child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry, ...args], { stdio: 'inherit' })
  child.on('exit', (code, signal) => {
    if (code === UNSETTLED_TOP_LEVEL_AWAIT && attempt < MAX_STARTS) {
      process.stderr.write(`${entry} stopped while loading its modules (exit 13); starting it again\n`)
      start(attempt + 1)
      return
    }
    process.exit(code ?? (signal === 'SIGINT' ? 130 : 143))
  })
}

start(1)
