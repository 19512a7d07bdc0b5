import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { waitFor } from './waitFor'
import { workerArgs } from './workerCommand'

const root = path.resolve(import.meta.dirname, '../..')

export type WorkerProcess = {
  child: ChildProcess
  output: () => string
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string | null>
  /** Waits until the worker logged that it is running. */
  ready: () => Promise<void>
  stop: (signal?: NodeJS.Signals) => Promise<number | string | null>
}

/**
 * `npm run worker` as a child process (through the launcher, like production), against the
 * test's database, Redis prefix and SMTP server.
 */
export function startWorkerProcess(env: Record<string, string | undefined>): WorkerProcess {
  const child = spawn(process.execPath, workerArgs(), {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a SIGKILL to the group ends the launcher and the worker together.
    detached: true,
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  )
  return {
    child,
    output: () => output,
    exited,
    ready: async () => {
      await waitFor(
        () => output.includes('worker started') || child.exitCode !== null,
        'the worker to start',
        90_000,
        200,
      )
      if (!output.includes('worker started')) throw new Error(`the worker exited before starting:\n${output}`)
    },
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        if (signal === 'SIGKILL') process.kill(-child.pid!, 'SIGKILL')
        else child.kill(signal)
      }
      return exited
    },
  }
}
