import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { expect } from 'vitest'

import { freePort } from './ports'

export type CapturedMessage = { envelopeTo: string[]; raw: string; parsed: ParsedMail }

export type SmtpSink = {
  url: string
  messages: CapturedMessage[]
  /** The first message to `address` whose subject matches, waiting for the worker to send it. */
  messageTo: (address: string, subject: RegExp) => Promise<CapturedMessage>
  close: () => Promise<void>
}

/** A real SMTP server on loopback that keeps every message it accepts, for tests to read. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: CapturedMessage[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed: await simpleParser(raw) })
        callback()
      })
    },
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const messageTo = async (address: string, subject: RegExp) => {
    const find = () => messages.find((m) => m.envelopeTo.includes(address) && subject.test(m.parsed.subject ?? ''))
    await expect.poll(find, { timeout: 20_000, interval: 100 }).toBeTruthy()
    return find()!
  }
  return { url: `smtp://127.0.0.1:${port}`, messages, messageTo, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
