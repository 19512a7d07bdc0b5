import { readdirSync, readFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'

const dataDir = mkdtempSync(path.join(tmpdir(), 'mindful-mailer-'))
process.env.DATA_DIR = dataDir
const { createTransporter } = await import('@/src/services/platform/mailer')

let sink: SmtpSink
beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(() => sink?.close())

const message = {
  from: 'Mindful Moments <moments@mindful.test>',
  to: 'reader@example.org',
  subject: 'Hello from the outbox',
  text: 'A calm message.',
}

describe('sending email', () => {
  it('writes each message to data/outbox as an .eml file when SMTP_URL is unset', async () => {
    const info = await createTransporter({ smtpUrl: undefined }).sendMail(message)
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
    const transporter = createTransporter({ smtpUrl: sink.url })
    await transporter.sendMail(message)
    transporter.close()
    expect(sink.messages).toHaveLength(1)
    expect(sink.messages[0].envelopeTo).toEqual(['reader@example.org'])
    expect(sink.messages[0].parsed.subject).toBe('Hello from the outbox')
  })
})
