// Starts an entry point (worker, seed, migrations, CLI): it names the build condition
// (the cause of the drop below), and starts the entry again if Node still drops it.
//
// Why: on Node 20.20 a process loading Payload's modules sometimes ends mid-load with
// nothing run (upstream report: payloadcms/payload#17757), under CPU load in half the
// starts. The cause, found with NODE_DEBUG=esm (every drop ends inside @lexical/*): Lexical's
// `node` entry points choose their dev or prod build with a top-level await of a dynamic
// import, and a graph of such modules importing each other makes Node 20's loader lose a
// pending evaluation; the event loop drains and the process ends, with exit code 0 (or 13).
// Passing `--conditions=development|production` (from NODE_ENV, the wrapper's own test)
// resolves every Lexical import straight to its build, with no top-level await: 0 drops in
// 20 starts under load, against 5 in 10 without. The Next.js server bundles its modules and
// is not affected.
//
// The safety net stays: every entry here ends with an explicit process.exit(code). The
// child starts with exitCode preset to 75, so a start that never reached our code ends with
// 75 (or 13), never a false 0, and only those two are started again. Nothing ran, so
// starting again is safe.
//
// Watching (`--watch`, for `npm run dev`): Node's own --watch cannot be used, because it
// treats a dropped start like any failure and waits for a file change, which left the dev
// worker silently dead. Here a change in our source folders stops the child (SIGTERM) and
// starts it again, and a dropped start is started again at once, watching or not.
//
// Usage: node src/launch.mjs [--watch] [node flags…] entry.ts [args…]
import { spawn } from 'node:child_process'
import { existsSync, watch } from 'node:fs'

const DROPPED_WHILE_LOADING = 75
const UNSETTLED_TOP_LEVEL_AWAIT = 13
// A dropped start costs about a second; under load several in a row were seen (8 once in a full test run).
const MAX_STARTS = 20
const WATCHED_FOLDERS = ['src', 'collections', 'emails', 'workers']
const WATCHED_FILES = /\.(ts|tsx|mts|mjs|js|json|mjml)$/

const argv = process.argv.slice(2)
const watching = argv.includes('--watch')
const launchArgs = argv.filter((arg) => arg !== '--watch')
const entryIndex = launchArgs.findIndex((arg) => !arg.startsWith('-'))
if (entryIndex === -1) {
  process.stderr.write('usage: node src/launch.mjs [--watch] [node flags…] entry.ts [args…]\n')
  process.exit(2)
}
const nodeFlags = launchArgs.slice(0, entryIndex)
const [entry, ...args] = launchArgs.slice(entryIndex)
const presetExitCode = `data:text/javascript,process.exitCode=${DROPPED_WHILE_LOADING}`
const buildCondition = `--conditions=${process.env.NODE_ENV === 'production' ? 'production' : 'development'}`

let child
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true
    if (child) child.kill(signal)
    else process.exit(signal === 'SIGINT' ? 130 : 143)
  })
}

function start(attempt) {
  // Entries that load TypeScript (ours, or Payload's bin reading the config) go through tsx;
  // a built bundle (dist/) runs as plain JS, which spares the worker the ~150 MB that tsx's
  // hooks and source maps hold.
  const typescript = entry.startsWith('dist/') ? [] : ['--import', 'tsx']
  child = spawn(
    process.execPath,
    [...nodeFlags, buildCondition, '--import', presetExitCode, ...typescript, entry, ...args],
    {
      stdio: 'inherit',
    },
  )
  child.on('exit', (code, signal) => {
    child = undefined
    const dropped = code === DROPPED_WHILE_LOADING || code === UNSETTLED_TOP_LEVEL_AWAIT
    if (dropped && !stopping && attempt < MAX_STARTS) {
      process.stderr.write(`${entry} was dropped while loading its modules (exit ${code}); starting it again\n`)
      start(attempt + 1)
      return
    }
    if (dropped) process.stderr.write(`${entry} could not be loaded in ${MAX_STARTS} starts\n`)
    if (watching && !stopping) {
      if (restartPending) return restart()
      process.stderr.write(`${entry} ended (${signal ?? `exit ${code}`}); it starts again when a file changes\n`)
      return
    }
    process.exit(code ?? (signal === 'SIGINT' ? 130 : 143))
  })
}

let restartPending = false
let debounce
function restart() {
  restartPending = false
  if (stopping) return
  process.stderr.write(`${entry}: a file changed; starting it again\n`)
  start(1)
}

function onChange(_event, file) {
  if (file && !WATCHED_FILES.test(String(file))) return
  clearTimeout(debounce)
  // Saving several files at once (an editor's "save all", a git checkout) restarts once.
  debounce = setTimeout(() => {
    restartPending = true
    if (child) child.kill('SIGTERM')
    else restart()
  }, 300)
}

if (watching) {
  for (const folder of WATCHED_FOLDERS) if (existsSync(folder)) watch(folder, { recursive: true }, onChange)
}
start(1)
