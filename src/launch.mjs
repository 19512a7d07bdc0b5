// Starts an entry point (worker, seed, migrations, CLI), and starts it
// again when Node dropped it while loading modules.
//
// Why: on Node 20.20 the ESM loader sometimes drops a pending import while Payload's
// modules load (with NODE_ENV=production, measured here between 1 in 8 and 1 in 2 starts;
// reproduced with plain `node`, no tsx; upstream: payloadcms/payload#17757). The event loop
// drains and the process ends before any of our code ran, with exit code 0 (or 13 for a
// pending top-level await): a silent false success. The Next.js server bundles its modules
// and is not affected.
//
// How: every entry here ends with an explicit process.exit(code). The child starts with
// exitCode preset to 75, so a start that never reached our code ends with 75 (or 13), never
// 0, and only those two are started again. Nothing ran, so starting again is safe.
//
// Usage: node src/launch.mjs [node flags…] entry.ts [args…]
import { spawn } from 'node:child_process'

const DROPPED_WHILE_LOADING = 75
const UNSETTLED_TOP_LEVEL_AWAIT = 13
// A dropped start costs about a second; under load several in a row were seen (8 once in a full test run).
const MAX_STARTS = 20

const argv = process.argv.slice(2)
const entryIndex = argv.findIndex((arg) => !arg.startsWith('-'))
if (entryIndex === -1) {
  process.stderr.write('usage: node src/launch.mjs [node flags…] entry.ts [args…]\n')
  process.exit(2)
}
const nodeFlags = argv.slice(0, entryIndex)
const [entry, ...args] = argv.slice(entryIndex)
const presetExitCode = `data:text/javascript,process.exitCode=${DROPPED_WHILE_LOADING}`

let child
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child?.kill(signal))
}

function start(attempt) {
  // Entries that load TypeScript (ours, or Payload's bin reading the config) go through tsx;
  // a built bundle (dist/) runs as plain JS, which spares the worker the ~150 MB that tsx's
  // hooks and source maps hold.
  const typescript = entry.startsWith('dist/') ? [] : ['--import', 'tsx']
  child = spawn(process.execPath, [...nodeFlags, '--import', presetExitCode, ...typescript, entry, ...args], {
    stdio: 'inherit',
  })
  child.on('exit', (code, signal) => {
    const dropped = code === DROPPED_WHILE_LOADING || code === UNSETTLED_TOP_LEVEL_AWAIT
    if (dropped && attempt < MAX_STARTS) {
      process.stderr.write(`${entry} was dropped while loading its modules (exit ${code}); starting it again\n`)
      start(attempt + 1)
      return
    }
    if (dropped) process.stderr.write(`${entry} could not be loaded in ${MAX_STARTS} starts\n`)
    process.exit(code ?? (signal === 'SIGINT' ? 130 : 143))
  })
}

start(1)
