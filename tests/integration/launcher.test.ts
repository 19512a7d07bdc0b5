import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

import { waitFor } from '../helpers/waitFor'

/**
 * The launcher (src/launch.mjs) as `npm run dev` uses it for the worker: a start that Node
 * drops while loading modules is started again, and with --watch a changed source file
 * restarts the entry. The entry here is a small real program in a scratch folder.
 */

const LAUNCHER = path.resolve('src/launch.mjs')

// Drops its first start the way Node does (returns without an explicit exit, so the preset
// exit code 75 stands), then runs until SIGTERM, which it answers with exit 0.
const ENTRY = `
import { readFileSync, writeFileSync } from 'node:fs'
const starts = Number(readFileSync('starts', 'utf8') || '0') + 1
writeFileSync('starts', String(starts))
if (starts > 1) {
  const alive = setInterval(() => undefined, 1000)
  process.on('SIGTERM', () => { clearInterval(alive); console.log('stopped'); process.exit(0) })
  // Only now: a SIGTERM that came before the handler would end it with the default action (143).
  console.log('running, start ' + starts)
}
`

let folder: string
let launcher: ChildProcess | undefined

afterEach(() => {
  launcher?.kill('SIGKILL')
  rmSync(folder, { recursive: true, force: true })
})

function launch(...args: string[]) {
  folder = mkdtempSync(path.join(os.tmpdir(), 'launcher-'))
  mkdirSync(path.join(folder, 'dist'))
  mkdirSync(path.join(folder, 'workers'))
  writeFileSync(path.join(folder, 'dist/entry.mjs'), ENTRY)
  writeFileSync(path.join(folder, 'starts'), '')
  const child = spawn(process.execPath, [LAUNCHER, ...args, 'dist/entry.mjs'], { cwd: folder })
  launcher = child
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

describe('the launcher', () => {
  it('starts an entry again when Node dropped it while loading', async () => {
    const run = launch()
    await waitFor(() => run.output().includes('running, start 2'), 'the second start', 20_000)
    expect(run.output()).toContain('dist/entry.mjs was dropped while loading its modules (exit 75); starting it again')
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })

  it('with --watch, restarts the entry when a source file changes, and stops on SIGTERM', async () => {
    const run = launch('--watch')
    await waitFor(() => run.output().includes('running, start 2'), 'the second start', 20_000)
    writeFileSync(path.join(folder, 'workers/changed.ts'), 'export const changed = true\n')
    await waitFor(() => run.output().includes('running, start 3'), 'a start after the change', 20_000)
    expect(run.output()).toMatch(/stopped\n[^]*a file changed; starting it again/)
    // A file of another kind (an editor's swap file) does not restart it.
    writeFileSync(path.join(folder, 'workers/.changed.ts.swp'), 'x')
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(run.output()).not.toContain('running, start 4')
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })
})
