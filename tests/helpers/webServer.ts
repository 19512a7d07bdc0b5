import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

/** The production web server as `npm run start:web` runs it (src/server.mjs), on loopback. */
export function spawnWebServer(
  env: Record<string, string | undefined>,
  port: number,
  stdio: 'pipe' | 'ignore' = 'pipe',
): ChildProcess {
  return spawn(process.execPath, ['src/server.mjs'], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', stdio, stdio],
  })
}
