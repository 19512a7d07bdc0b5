import { readdirSync, readFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { freePort } from '../helpers/ports'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'

const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-mailer-'))
process.env.DATA_DIR = dataDir
// The routes' figures go to the suite's Redis, under a prefix of this file's own.
process.env.REDIS_URL = inject('redisUrl')
process.env.REDIS_PREFIX = `mailer-${path.basename(dataDir)}`
const { createTransporter } = await import('@/src/services/platform/mailer')
const { readRouteCounts, routeName } = await import('@/src/services/platform/smtpRoutes')
const { closeRedisClient } = await import('@/src/services/platform/redis')
const { classifySendError } = await import('@/src/services/platform/smtpErrors')

let sink: SmtpSink
beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(async () => {
  await sink?.close()
  await closeRedisClient()
})

const message = {
  from: 'Mindful Moments <moments@mindful.test>',
  to: 'reader@example.org',
  subject: 'Hello from the outbox',
  text: 'A calm message.',
}

describe('sending email', () => {
  it('writes each message to data/outbox as an .eml file when SMTP_URL is unset', async () => {
    const info = await createTransporter({ smtpUrls: [] }).sendMail(message)
    const files = readdirSync(path.join(dataDir, 'outbox'))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/\.eml$/)
    const eml = readFileSync(path.join(dataDir, 'outbox', files[0]), 'utf8')
    expect(eml).toContain('Subject: Hello from the outbox')
    expect(eml).toContain('To: reader@example.org')
    expect(eml).toContain(`Message-ID: ${info.messageId}`)
    expect(eml).toContain('A calm message.')
  })

  it('delivers through SMTP when SMTP_URL is set', async () => {
    const transporter = createTransporter({ smtpUrls: [sink.url] })
    await transporter.sendMail(message)
    transporter.close()
    expect(sink.messages).toHaveLength(1)
    expect(sink.messages[0].envelopeTo).toEqual(['reader@example.org'])
    expect(sink.messages[0].parsed.subject).toBe('Hello from the outbox')
  })
})

describe('several SMTP routes (SMTP_URLS), tried in order', () => {
  const to = (address: string) => ({ ...message, to: address })

  it('hands a message to the next route when the first cannot be reached, then rests the first', async () => {
    const nowhere = `smtp://127.0.0.1:${await freePort()}`
    const backup = await startSmtpSink()
    const routes = createTransporter({ smtpUrls: [nowhere, backup.url] })
    try {
      const first = await routes.sendMail(to('first@example.org'))
      expect(first.route).toBe(routeName(backup.url))
      // The first route rests: the next message goes straight to the backup.
      expect((await routes.sendMail(to('second@example.org'))).route).toBe(routeName(backup.url))
      expect(backup.messages.map((m) => m.envelopeTo)).toEqual([['first@example.org'], ['second@example.org']])
    } finally {
      routes.close()
      await backup.close()
    }
  })

  it('moves on from a 4xx throttle, but a 5xx for the reader stays that reader’s bounce, on no other route', async () => {
    const throttled = await startSmtpSink({
      refuse: (address) =>
        address.startsWith('gone')
          ? { code: 550, message: 'No such mailbox' }
          : { code: 451, message: 'Too many messages, slow down' },
    })
    const backup = await startSmtpSink()
    const routes = createTransporter({ smtpUrls: [throttled.url, backup.url] })
    try {
      expect((await routes.sendMail(to('calm@example.org'))).route).toBe(routeName(backup.url))
      expect(throttled.attempts.get('calm@example.org')).toBe(1)
      expect(backup.messages.map((m) => m.envelopeTo[0])).toEqual(['calm@example.org'])

      // Both routes awake again, as after a rest: the unknown mailbox bounces on the first and is not retried elsewhere.
      const fresh = createTransporter({ smtpUrls: [throttled.url, backup.url] })
      await expect(fresh.sendMail(to('gone@example.org'))).rejects.toMatchObject({ responseCode: 550 })
      fresh.close()
      expect(throttled.attempts.get('gone@example.org')).toBe(1)
      expect(backup.attempts.get('gone@example.org')).toBeUndefined()
    } finally {
      routes.close()
      await Promise.all([throttled.close(), backup.close()])
    }
  })

  it('holds a route’s pace (SMTP_RATE) across two workers, and passes a long wait to the next route', async () => {
    const paced = await startSmtpSink()
    const backup = await startSmtpSink()
    // Two workers, each with its own routes, sharing one pace of 10 a second through Redis.
    const workers = [0, 1].map(() =>
      createTransporter({ smtpUrls: [paced.url], smtpRates: [{ points: 10, durationSeconds: 1 }] }),
    )
    const hourly = createTransporter({
      smtpUrls: [backup.url, paced.url],
      smtpRates: [{ points: 2, durationSeconds: 3600 }, undefined],
    })
    try {
      const started = Date.now()
      await Promise.all(
        workers.flatMap((routes, worker) =>
          Array.from({ length: 15 }, (_, i) => routes.sendMail(to(`w${worker}-${i}@example.org`))),
        ),
      )
      // Thirty messages at ten a second: the third ten cannot start before two seconds have passed.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_900)
      expect(new Set(paced.accepted.map(([address]) => address)).size).toBe(30)

      // Two an hour on the first route: the third message would wait an hour, so the next route takes it now.
      const routes = await Promise.all(
        Array.from({ length: 4 }, async (_, i) => (await hourly.sendMail(to(`h${i}@example.org`))).route),
      )
      expect(routes.filter((route) => route === routeName(backup.url))).toHaveLength(2)
      expect(routes.filter((route) => route === routeName(paced.url))).toHaveLength(2)
    } finally {
      for (const routes of [...workers, hourly]) routes.close()
      await Promise.all([paced.close(), backup.close()])
    }
  })

  it('counts per route what was sent, deferred and failed, for the metrics', async () => {
    // close() above flushed each route's figures; they add up across every MailRoutes of this file.
    await new Promise((resolve) => setTimeout(resolve, 200))
    const counts = await readRouteCounts()
    const of = (route: string, outcome: string) =>
      counts.find((count) => count.route === route && count.outcome === outcome)?.count ?? 0
    const throttledRoutes = counts.filter((count) => count.outcome === 'deferred')
    expect(throttledRoutes.reduce((sum, count) => sum + count.count, 0)).toBe(2)
    expect(counts.filter((count) => count.outcome === 'failed').map((count) => count.count)).toEqual([1])
    expect(of(routeName(sink.url), 'sent')).toBe(1)
  })
})

describe('the digest’s SMTP connections in a thread of their own', () => {
  // As the digest hands it over: one raw message in a buffer of its own (moved to the thread, not copied).
  const raw = (to: string, subject: string) =>
    Buffer.from(
      `From: moments@mindful.test\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <t-${subject}@mindful.test>\r\n\r\n` +
        // Long enough to be a buffer of its own; a line starting with a dot must survive dot-stuffing.
        `${'A calm line.\r\n'.repeat(400)}.a dot at the start of a line\r\n`,
    )
  const envelope = (to: string) => ({ from: 'moments@mindful.test', to: [to] })

  it('delivers the raw message byte for byte, and a refusal keeps its code and command (a bounce stays a bounce)', async () => {
    const strict = await startSmtpSink({
      refuse: (address) => (address.startsWith('gone') ? { code: 550, message: 'No such mailbox' } : undefined),
    })
    const routes = createTransporter({ smtpUrls: [strict.url], ownThread: true })
    try {
      const message = raw('calm@example.org', 'threaded')
      const expected = message.toString()
      const sent = await routes.sendMail({ envelope: envelope('calm@example.org'), raw: message })
      expect(sent.route).toBe(routeName(strict.url))
      expect(strict.messages).toHaveLength(1)
      expect(strict.messages[0].envelopeTo).toEqual(['calm@example.org'])
      expect(strict.messages[0].raw.replace(/\r?\n$/, '')).toBe(expected.replace(/\r?\n$/, ''))

      const refused = await routes
        .sendMail({ envelope: envelope('gone@example.org'), raw: raw('gone@example.org', 'gone') })
        .catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(Error)
      expect(refused).toMatchObject({ responseCode: 550, command: 'RCPT TO' })
      expect(classifySendError(refused).kind).toBe('bounce')
    } finally {
      routes.close()
      await strict.close()
    }
  })

  it('hands a message whole to the next route when the first cannot take it', async () => {
    const nowhere = `smtp://127.0.0.1:${await freePort()}`
    const backup = await startSmtpSink()
    const routes = createTransporter({ smtpUrls: [nowhere, backup.url], ownThread: true })
    try {
      const message = raw('first@example.org', 'failover')
      const expected = message.toString()
      expect((await routes.sendMail({ envelope: envelope('first@example.org'), raw: message })).route).toBe(
        routeName(backup.url),
      )
      expect(backup.messages).toHaveLength(1)
      expect(backup.messages[0].raw.replace(/\r?\n$/, '')).toBe(expected.replace(/\r?\n$/, ''))
    } finally {
      routes.close()
      await backup.close()
    }
  })
})
