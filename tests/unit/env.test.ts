import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { ConfigError, loadEnv } from '@/src/env'

const cwd = () => mkdtempSync(path.join(tmpdir(), 'mindful-env-'))
const SECRET = 'x'.repeat(40)

function problemsOf(source: Record<string, string>): string {
  try {
    loadEnv(source as NodeJS.ProcessEnv, cwd())
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('configuration from the environment', () => {
  it('needs nothing in development: SQLite under data/, local Redis, the outbox, a generated secret', () => {
    const dir = cwd()
    const env = loadEnv({} as NodeJS.ProcessEnv, dir)
    expect(env.database).toEqual({ kind: 'sqlite', url: `file:${dir}/data/mindful.db`, file: `${dir}/data/mindful.db` })
    expect(env.redisUrl).toBe('redis://127.0.0.1:6379')
    expect(env.smtpUrls).toEqual([])
    expect(env.publicUrl).toBe('http://localhost:3000')
    expect(env.payloadSecret).toHaveLength(64)
    expect(readFileSync(path.join(dir, 'data/.payload-secret'), 'utf8')).toBe(env.payloadSecret)
    expect(loadEnv({} as NodeJS.ProcessEnv, dir).payloadSecret).toBe(env.payloadSecret)
  })

  it('chooses MongoDB from a mongodb:// or mongodb+srv:// DATABASE_URL', () => {
    const env = loadEnv({ DATABASE_URL: 'mongodb://db:27017/mindful?replicaSet=rs0' } as never, cwd())
    expect(env.database).toEqual({ kind: 'mongodb', url: 'mongodb://db:27017/mindful?replicaSet=rs0' })
    expect(loadEnv({ DATABASE_URL: 'mongodb+srv://cluster.example/x' } as never, cwd()).database.kind).toBe('mongodb')
  })

  it('refuses another database without echoing its credentials', () => {
    const message = problemsOf({ DATABASE_URL: 'postgres://admin:hunter2@db/mindful' })
    expect(message).toContain('DATABASE_URL must be file:')
    expect(message).toContain('a postgres: URL')
    expect(message).not.toContain('hunter2')
  })

  it('requires a long PAYLOAD_SECRET in production and says so', () => {
    expect(problemsOf({ NODE_ENV: 'production', ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'long-enough' })).toContain(
      'PAYLOAD_SECRET is required in production',
    )
    expect(problemsOf({ PAYLOAD_SECRET: 'short' })).toContain('at least 32 characters')
  })

  it('lists every problem at once, each naming its variable', () => {
    const message = problemsOf({
      PAYLOAD_SECRET: SECRET,
      REDIS_URL: 'localhost:6379',
      SMTP_URL: 'http://mail',
      PUBLIC_URL: 'not a url',
      MAIL_FROM: 'nobody',
      ADMIN_EMAIL: 'admin',
      ADMIN_PASSWORD: 'short',
    })
    for (const name of ['REDIS_URL', 'SMTP_URL', 'PUBLIC_URL', 'MAIL_FROM', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
      expect(message).toContain(name)
    }
    expect(message.split('\n  - ')).toHaveLength(7)
  })

  it('refuses a MAIL_FROM that tries to inject a header', () => {
    expect(problemsOf({ PAYLOAD_SECRET: SECRET, MAIL_FROM: 'a@b.org\r\nBcc: all@example.org' })).toContain('MAIL_FROM')
  })

  it('reads a sender with a display name, and trims PUBLIC_URL', () => {
    const env = loadEnv(
      {
        PAYLOAD_SECRET: SECRET,
        MAIL_FROM: 'Mindful Moments <hello@mindful.example>',
        PUBLIC_URL: 'https://mindful.example/',
      } as never,
      cwd(),
    )
    expect(env.mailFrom).toEqual({ name: 'Mindful Moments', address: 'hello@mindful.example' })
    expect(env.publicUrl).toBe('https://mindful.example')
  })

  it('creates no admin in production unless both ADMIN_ variables are given', () => {
    expect(loadEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: SECRET } as never, cwd()).admin).toBeUndefined()
    expect(loadEnv({} as NodeJS.ProcessEnv, cwd()).admin?.email).toBe('admin@example.com')
  })

  it('lets `next build` load the config without production secrets', () => {
    const env = loadEnv({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' } as never, cwd())
    expect(env.production).toBe(false)
    expect(env.payloadSecret).toBe('build-time-placeholder')
  })

  it('refuses a mail catcher for production mail unless told it is a test stack, and never makes the development admin there', () => {
    const production = { NODE_ENV: 'production', PAYLOAD_SECRET: SECRET }
    expect(problemsOf({ ...production, SMTP_URL: 'smtp://mailpit:1025' })).toMatch(/SMTP_URL points at a mail catcher/)
    expect(
      loadEnv({ ...production, SMTP_URL: 'smtp://mailpit:1025', MAIL_CATCHER: 'true' } as never, cwd()).smtpUrls,
    ).toEqual(['smtp://mailpit:1025'])
    expect(loadEnv(production as never, cwd()).admin).toBeUndefined()
    // Development on a MongoDB server: no well-known login either.
    expect(loadEnv({ DATABASE_URL: 'mongodb://db:27017/mindful' } as never, cwd()).admin).toBeUndefined()
  })

  it('takes the client from the connection unless proxies are declared, and checks the abuse limits', () => {
    expect(loadEnv({} as NodeJS.ProcessEnv, cwd()).abuse).toEqual({
      trustedProxyHops: 0,
      confirmationsPerAddressPerDay: 3,
      unconfirmedMailPerHour: 1000,
    })
    expect(problemsOf({ TRUSTED_PROXY_HOPS: 'all' })).toMatch(/TRUSTED_PROXY_HOPS must be a whole number/)
  })

  it('reads the sender checks’ and the brake’s settings, refusing what they cannot use', () => {
    const env = loadEnv(
      { DNS_SERVERS: '127.0.0.1:5353, [::1]:53,1.1.1.1', BRAKE_COMPLAINT_RATE: '0.002' } as never,
      cwd(),
    )
    expect(env.senderChecks).toEqual({ dnsServers: ['127.0.0.1:5353', '[::1]:53', '1.1.1.1'], requiredAbove: 1_000 })
    expect(env.brake).toEqual({ minMessages: 1_000, complaintRate: 0.002, bounceRate: 0.05 })
    const problems = problemsOf({ DNS_SERVERS: 'dns.example:53', BRAKE_BOUNCE_RATE: '5', DOCTOR_REQUIRED_ABOVE: '-1' })
    expect(problems).toContain('DNS_SERVERS must be resolvers')
    expect(problems).toContain('BRAKE_BOUNCE_RATE must be a share between 0 and 1')
    expect(problems).toContain('DOCTOR_REQUIRED_ABOVE must be a whole number')
  })

  it('reads several SMTP routes and their paces, one for all or one per route', () => {
    const two = { SMTP_URLS: 'smtp://a.example:587, smtps://b.example:465' }
    expect(loadEnv({ ...two, SMTP_RATE: '14/s' } as never, cwd()).smtpRates).toEqual([
      { points: 14, durationSeconds: 1 },
      { points: 14, durationSeconds: 1 },
    ])
    const each = loadEnv({ ...two, SMTP_URL: 'smtp://ignored.example', SMTP_RATE: '50000/h,' } as never, cwd())
    expect(each.smtpUrls).toEqual(['smtp://a.example:587', 'smtps://b.example:465'])
    expect(each.smtpRates).toEqual([{ points: 50000, durationSeconds: 3600 }, undefined])
    expect(each.notices).toEqual([
      'SMTP_URLS and SMTP_URL are both set: the routes of SMTP_URLS are used, SMTP_URL is ignored.',
    ])
    expect(problemsOf({ ...two, SMTP_RATE: '14/s,5/m,1/h' })).toContain('SMTP_RATE must be a pace')
    expect(problemsOf({ ...two, SMTP_RATE: 'fast' })).toContain('SMTP_RATE must be a pace')
    expect(problemsOf({ SMTP_URLS: 'smtp://a.example,http://b.example' })).toContain('SMTP_URLS must be a smtp://')
  })
})
