import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/**
 * No Docker engine runs where this suite runs, so the compose file is checked for what can
 * be checked: docker-compose accepts it, it has the services the README promises, it is
 * closed by default, and it passes only variables that .env.example documents.
 */

const root = path.resolve(import.meta.dirname, '../..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

type Service = {
  command?: string[]
  environment?: Record<string, string>
  depends_on?: Record<string, unknown>
  ports?: string[]
  profiles?: string[]
  restart?: string
  healthcheck?: { test?: string[] }
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> }
const documented = new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]))

describe('docker-compose.yml', () => {
  it('runs Caddy, MongoDB as a replica set, the queues’ Redis with persistence, the cache’s Redis, MinIO for the pictures, the app and the worker (Mailpit only for trying)', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'app',
      'cache',
      'caddy',
      'mailpit',
      'minio',
      'mongo',
      'redis',
      'worker',
    ])
    expect(compose.services.mongo.command).toContain('--replSet')
    expect(compose.services.redis.command).toEqual(
      expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']),
    )
    expect(compose.services.cache.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'allkeys-lru']))
    expect(compose.services.worker.command).toEqual(['npm', 'run', 'worker'])
    expect(compose.services.app.environment?.S3_ENDPOINT).toBe('http://minio:9000')
    expect(compose.services.app.environment?.S3_FORCE_PATH_STYLE).toBe('true')
    expect(compose.services.app.command?.join(' ')).toContain('npm run migrate && npm run start:web')
  })

  it('is closed by default: only the proxy is published; the mail catcher needs the dev profile and stays on this machine', () => {
    const published = Object.entries(compose.services).filter(([, service]) => service.ports?.length)
    expect(published.map(([name]) => name).sort()).toEqual(['caddy', 'mailpit'])
    expect(compose.services.mailpit.profiles).toEqual(['dev'])
    expect(compose.services.mailpit.ports?.every((port) => port.startsWith('127.0.0.1:'))).toBe(true)
    // No default that sends production mail to the catcher.
    expect(compose.services.app.environment?.SMTP_URL).toMatch(/^\$\{SMTP_URL:\?/)
    expect(compose.services.app.environment?.TRUSTED_PROXY_HOPS).toBe('1')
  })

  it('restarts every service by itself and checks its health', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.restart, name).toBe('unless-stopped')
      expect(service.healthcheck?.test, name).toBeTruthy()
    }
  })

  it('gives the app and the worker the same, documented configuration', () => {
    const app = compose.services.app.environment ?? {}
    expect(compose.services.worker.environment).toEqual(app)
    expect(app.DATABASE_URL).toMatch(/^mongodb:\/\/mongo:27017\/\w+\?replicaSet=rs0$/)
    for (const name of Object.keys(app).filter((name) => name !== 'NODE_ENV')) {
      expect(documented, `${name} is not in .env.example`).toContain(name)
    }
  })

  it('names scripts that exist in package.json', () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>
    for (const name of ['migrate', 'start:web', 'worker', 'build', 'start']) expect(scripts).toHaveProperty(name)
  })

  it.skipIf(spawnSync('docker-compose', ['version']).error)(
    'is accepted by docker-compose, and refuses to start without a secret, the media store’s password or a mail provider',
    () => {
      const config = (env: Record<string, string>) =>
        spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
          cwd: root,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, ...env } as unknown as NodeJS.ProcessEnv,
        })
      const secrets = { PAYLOAD_SECRET: 'a'.repeat(64), S3_SECRET_ACCESS_KEY: 'b'.repeat(48) }
      const smtp = { SMTP_URL: 'smtps://u:p@smtp.example.org:465' }
      expect(config({ ...secrets, ...smtp }).status).toBe(0)
      expect(config(secrets).stderr).toContain('set SMTP_URL')
      expect(config({ ...smtp, S3_SECRET_ACCESS_KEY: secrets.S3_SECRET_ACCESS_KEY }).stderr).toContain(
        'set PAYLOAD_SECRET',
      )
      expect(config({ ...smtp, PAYLOAD_SECRET: secrets.PAYLOAD_SECRET }).stderr).toContain('set S3_SECRET_ACCESS_KEY')
    },
  )
})

describe('the image', () => {
  it('runs as an unprivileged user with production dependencies only, and copies in no secrets or data', () => {
    const dockerfile = read('Dockerfile')
    expect(dockerfile).toMatch(/^USER node$/m)
    expect(dockerfile).toContain('npm ci --omit=dev')
    const ignored = read('.dockerignore').split('\n')
    for (const pattern of ['.env', '.env.*', '*.pem', 'data', 'node_modules']) expect(ignored).toContain(pattern)
  })
})

describe('the README', () => {
  it('starts with the command that runs everything and the one that tests everything', () => {
    const firstScreen = read('README.md').split('\n').slice(0, 25).join('\n')
    expect(firstScreen).toContain('npm install && npm run dev')
    expect(firstScreen).toContain('npm test')
  })

  it('documents every configuration variable the product reads', () => {
    const readme = read('README.md')
    for (const name of documented) expect(readme, `${name} is missing from the README`).toContain(name)
  })
})
