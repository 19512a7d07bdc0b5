import { spawn } from 'node:child_process'
import { Redis } from 'ioredis'

import { freePort } from './ports'
import { waitFor } from './waitFor'

export type PrivateRedis = { url: string; client: Redis; stop: () => Promise<void> }

/**
 * A redis-server of the test's own, for tests that make Redis lose everything (FLUSHALL)
 * without touching the queues of test files running beside them.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const url = `redis://127.0.0.1:${port}`
  const answers = async () => {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
    probe.on('error', () => undefined)
    const ok = await probe.connect().then(
      () => probe.ping(),
      () => undefined,
    )
    probe.disconnect()
    return ok === 'PONG'
  }
  await waitFor(answers, 'the private redis-server to answer', 10_000, 100)
  const client = new Redis(url, { maxRetriesPerRequest: null })
  return {
    url,
    client,
    stop: async () => {
      client.disconnect()
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill()
      await exited
    },
  }
}
