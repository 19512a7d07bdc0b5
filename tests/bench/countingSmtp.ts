import { spawn } from 'node:child_process'
import { setPriority } from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

export type CountingSmtp = {
  url: string
  pid: number
  count: () => Promise<number>
  reset: () => Promise<void>
  stop: () => void
}

/** The counting SMTP server, in its own process so it does not share a core with the sender. */
export async function startCounter({ nice = 0 } = {}): Promise<CountingSmtp> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/bench/smtpCounter.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  // It stands in for a mail server on another machine: with `nice`, it yields the CPU it shares here.
  if (nice) setPriority(child.pid!, nice)
  let buffer = ''
  const waiters: Array<(line: string) => void> = []
  child.stdout!.setEncoding('utf8')
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk
    let newline
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      waiters.shift()?.(line)
    }
  })
  const next = () => new Promise<string>((resolve) => waiters.push(resolve))
  const port = Number((await next()).split(' ')[1])
  const ask = async (command: string) => {
    const reply = next()
    child.stdin!.write(`${command}\n`)
    return Number((await reply).split(' ')[1])
  }
  return {
    url: `smtp://127.0.0.1:${port}`,
    pid: child.pid!,
    count: () => ask('count'),
    reset: async () => void (await ask('reset')),
    stop: () => child.stdin!.end(),
  }
}
