import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import type { EmailAdapter } from 'payload'

import { env, type RoutePace } from '@/src/env'
import { logger } from './logger'
import { MailRoutes, routeName } from './smtpRoutes'
import { threadedTransport, type MailTransport } from './smtpThread'

/**
 * One way out for every message. With SMTP_URLS (or SMTP_URL) set, pooled SMTP routes; without them,
 * each message is written as an .eml file under data/outbox/ so a new user sees exactly
 * what would have been sent, without any mail server.
 */

type OutboxTransportOptions = { directory: string }

/** A nodemailer custom transport that stores the raw RFC 5322 message as a file. */
function outboxTransport({ directory }: OutboxTransportOptions) {
  return {
    name: 'outbox',
    version: '1.0.0',
    send(
      mail: { message: { messageId(): string; build(cb: (err: Error | null, message: Buffer) => void): void } },
      callback: (err: Error | null, info?: { messageId: string; envelope?: unknown; path: string }) => void,
    ) {
      const messageId = mail.message.messageId()
      mail.message.build((err, message) => {
        if (err) return callback(err)
        try {
          mkdirSync(directory, { recursive: true })
          const stamp = new Date().toISOString().replace(/[:.]/g, '-')
          const name = `${stamp}-${messageId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 24)}.eml`
          const file = path.join(directory, name)
          writeFileSync(file, message)
          logger.info({ file: path.relative(process.cwd(), file) }, 'email written to the outbox')
          callback(null, { messageId, path: file })
        } catch (error) {
          callback(error as Error)
        }
      })
    },
  }
}

type TransportOptions = {
  smtpUrls?: string[]
  smtpRates?: Array<RoutePace | undefined>
  /** The routes' paces when they can change while running (the digest reads an admin's Settings). */
  paces?: () => Promise<Array<RoutePace | undefined>>
  maxConnections?: number
  /** The SMTP connections in a thread of their own (the digest's: see smtpThread.ts). */
  ownThread?: boolean
}

/**
 * The routes out (SMTP_URLS, or SMTP_URL alone), each a pooled SMTP transport, DKIM-signed
 * when configured; or the outbox. DKIM signs what is finally sent, raw messages too.
 */
export function createTransporter({
  smtpUrls = env().smtpUrls,
  smtpRates = env().smtpRates,
  paces,
  maxConnections = 5,
  ownThread = false,
}: TransportOptions = {}): MailRoutes {
  const { dkim } = env()
  if (smtpUrls.length > 0) {
    return new MailRoutes(
      smtpUrls.map((url, index) => ({
        name: routeName(url),
        pace: smtpRates[index],
        // One message per connection at a time and no message cap per connection: a pool that
        // opens and closes connections mid-edition would only be slower.
        transport: (ownThread ? threadedTransport : pooledTransport)({
          url,
          pool: true,
          maxConnections,
          maxMessages: Infinity,
          dkim,
        }),
      })),
      paces,
    )
  }
  return new MailRoutes([
    {
      name: 'outbox',
      transport: nodemailer.createTransport(
        outboxTransport({ directory: path.join(env().dataDir, 'outbox') }) as never,
        { dkim } as never,
      ),
    },
  ])
}

function pooledTransport(options: Record<string, unknown>): MailTransport {
  return nodemailer.createTransport(options as never) as MailTransport
}

let shared: MailRoutes | undefined

/** The process-wide routes out, created on first use. */
export function transporter(): MailRoutes {
  shared ??= createTransporter()
  return shared
}

export function closeTransporter(): void {
  shared?.close()
  shared = undefined
}

/** The sender readers and contributors see: the name and address from Settings, else MAIL_FROM. */
export function senderFrom(settings: { senderName: string; senderAddress?: string | null }): {
  name: string
  address: string
} {
  return { name: settings.senderName, address: settings.senderAddress || env().mailFrom.address }
}

export function defaultFrom(): SendMailOptions['from'] {
  const { name, address } = env().mailFrom
  return { name, address }
}

/** Payload's own mail (password resets) leaves through the same transporter. */
export const payloadEmailAdapter: EmailAdapter = () => ({
  name: 'mindful-press-mailer',
  defaultFromAddress: env().mailFrom.address,
  defaultFromName: env().mailFrom.name,
  sendEmail: (message) => transporter().sendMail({ from: defaultFrom(), ...message }),
})

/** What became of one message: sent, or why it no longer applied. */
export type SendOutcome = { sent: true; messageId: string } | { sent: false; reason: string }
