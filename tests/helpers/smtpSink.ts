import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'
import { expect } from 'vitest'

import { freePort } from './ports'

export type CapturedMessage = { envelopeTo: string[]; raw: string; parsed: ParsedMail }

/** An SMTP reply that refuses a recipient: 451 (try again later) or 550 (no such mailbox). */
export type Refusal = { code: number; message: string }

export type SinkOptions = {
  /** Wait this long before accepting each message: a slow server, so a test can act mid-send. */
  delayMs?: number
  /** Refuse a recipient at RCPT TO; called with how many times this address was offered before. */
  refuse?: (address: string, previousAttempts: number) => Refusal | undefined
  /** false: count recipients only, without keeping or parsing messages (thousands of them). */
  keepMessages?: boolean
}

export type SmtpSink = {
  url: string
  messages: CapturedMessage[]
  /** Every RCPT TO the server was offered, accepted or not. */
  attempts: Map<string, number>
  /** The first message to `address` whose subject matches, waiting for the worker to send it. */
  messageTo: (address: string, subject: RegExp) => Promise<CapturedMessage>
  /** The envelope recipients of every accepted message, in order (also when messages are not kept). */
  accepted: string[][]
  /** How many accepted messages went to each address. */
  countsByRecipient: () => Map<string, number>
  /** Connections open right now. */
  openConnections: () => number
  close: () => Promise<void>
}

/** A real SMTP server on loopback that keeps every message it accepts, for tests to read. */
export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const messages: CapturedMessage[] = []
  const accepted: string[][] = []
  const attempts = new Map<string, number>()
  let open = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      open++
      callback()
    },
    onClose() {
      open--
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const previous = attempts.get(address.address) ?? 0
      attempts.set(address.address, previous + 1)
      const refusal = options.refuse?.(address.address, previous)
      if (!refusal) return callback()
      const error = new Error(refusal.message) as Error & { responseCode: number }
      error.responseCode = refusal.code
      callback(error)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address)
        const accept = async () => {
          accepted.push(envelopeTo)
          if (options.keepMessages !== false) messages.push({ envelopeTo, raw, parsed: await simpleParser(raw) })
          callback()
        }
        if (options.delayMs) setTimeout(() => void accept(), options.delayMs)
        else await accept()
      })
    },
  })
  // A client that dies mid-message (a worker killed on purpose) resets its socket; smtp-server
  // reports that as an 'error' event, which would otherwise be thrown as uncaught.
  server.on('error', () => undefined)
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const messageTo = async (address: string, subject: RegExp) => {
    const find = () => messages.find((m) => m.envelopeTo.includes(address) && subject.test(m.parsed.subject ?? ''))
    await expect.poll(find, { timeout: 20_000, interval: 100 }).toBeTruthy()
    return find()!
  }
  const countsByRecipient = () => {
    const counts = new Map<string, number>()
    for (const recipients of accepted) for (const to of recipients) counts.set(to, (counts.get(to) ?? 0) + 1)
    return counts
  }
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    accepted,
    attempts,
    messageTo,
    countsByRecipient,
    openConnections: () => open,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** The link to our `path` with its token, from a message's text part; an error naming the path if it has none. */
export function linkIn(message: CapturedMessage, path: string): string {
  const match = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[A-Za-z0-9._~-]+`).exec(message.parsed.text ?? '')
  if (!match) throw new Error(`no ${path} link in "${message.parsed.subject}":\n${message.parsed.text}`)
  return match[0]
}
