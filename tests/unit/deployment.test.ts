import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/**
 * No Docker engine runs where this suite runs, so the compose file is checked for what can
 * be checked: it parses, has the services the README promises, and passes only variables
 * that .env.example documents.
 */

const root = path.resolve(import.meta.dirname, '../..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

type Service = { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown> }
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> }
const documented = new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]))

describe('docker-compose.yml', () => {
  it('runs MongoDB as a replica set, Redis with persistence, Mailpit, the app and the worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'mailpit', 'mongo', 'redis', 'worker'])
    expect(compose.services.mongo.command).toContain('--replSet')
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']))
    expect(compose.services.worker.command).toEqual(['npm', 'run', 'worker'])
    expect(compose.services.app.command?.join(' ')).toContain('npm run migrate && npm run start:web')
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
