import { createHmac } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'

import type { RenderedEmail } from '../../../emails/render'

/**
 * The digest as raw MIME, composed once per edition and process, then personalized per
 * reader by exact substitution (STACK-NOTES: MIME composition, not SMTP, is the
 * per-message cost).
 *
 * Placeholders are plain letters, so MJML, html-to-text and quoted-printable leave them
 * as they are. Quoted-printable may still cut one with a soft line break (`=\r\n`) every
 * 76 characters, so they are found with soft breaks allowed between any two letters, and
 * a reader's value goes in wrapped in soft breaks of its own: every line stays within
 * RFC 2045's 76 characters and decodes to exactly the value.
 */

export const PLACEHOLDER = {
  /** The reader's link token, in the unsubscribe and preferences links and List-Unsubscribe. */
  token: 'MMREADERLINKTOKENQX',
  address: 'mmreaderaddressqx',
  messageId: 'mmreadermessageidqx',
} as const

type Slot = keyof typeof PLACEHOLDER

export type ReaderValues = Record<Slot, string>

export type DigestTemplate = {
  /** Literal bytes and slots, in order; a slot in the body is quoted-printable. */
  pieces: Array<Buffer | { slot: Slot; inBody: boolean }>
  messageIdDomain: string
}

export type DigestEnvelope = {
  from: { name: string; address: string }
  /** Constant headers: List-Id, Precedence, List-Unsubscribe(-Post) with the token placeholder. */
  headers: Record<string, string>
}

const QP_LINE = 73

function softBroken(placeholder: string): string {
  return placeholder.split('').join('(?:=\\r\\n)?')
}

const FINDER = new RegExp(
  Object.values(PLACEHOLDER)
    .map((placeholder) => `(${softBroken(placeholder)})`)
    .join('|'),
  'g',
)
const SLOTS = Object.keys(PLACEHOLDER) as Slot[]

/** Composes the message once, with the placeholders where each reader's values go. */
export async function composeDigestTemplate(email: RenderedEmail, envelope: DigestEnvelope): Promise<DigestTemplate> {
  const messageIdDomain = envelope.from.address.split('@')[1]
  const raw = (
    await new MailComposer({
      from: envelope.from,
      to: `${PLACEHOLDER.address}@placeholder.invalid`,
      subject: email.subject,
      html: email.html,
      text: email.text,
      textEncoding: 'quoted-printable',
      messageId: `<${PLACEHOLDER.messageId}@${messageIdDomain}>`,
      headers: envelope.headers,
    })
      .compile()
      .build()
  )
    .toString('ascii')
    // One line ending throughout (the parts' own text may bring bare LFs): what DKIM signs and SMTP sends.
    .replace(/\r?\n/g, '\r\n')

  const bodyStart = raw.indexOf('\r\n\r\n')
  const pieces: Array<string | { slot: Slot; inBody: boolean }> = []
  let last = 0
  for (const match of raw.matchAll(FINDER)) {
    const slot = SLOTS[match.slice(1).findIndex(Boolean)]
    pieces.push(raw.slice(last, match.index))
    pieces.push({ slot, inBody: match.index > bodyStart })
    last = match.index + match[0].length
  }
  pieces.push(raw.slice(last))
  // The fake recipient domain was written after the address placeholder.
  const template = pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece.replaceAll('@placeholder.invalid', ''), 'ascii') : piece))
  for (const slot of SLOTS) {
    if (!template.some((piece) => !Buffer.isBuffer(piece) && piece.slot === slot)) {
      throw new Error(`the digest template lost its ${slot} placeholder`)
    }
  }
  return { pieces: template, messageIdDomain }
}

/** A value as quoted-printable text in soft-broken lines, so the line it lands in stays short. */
function quotedPrintable(value: string): string {
  const encoded = value.replace(/[^!-<>-~]/g, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  )
  const lines: string[] = []
  for (let at = 0; at < encoded.length; ) {
    let end = Math.min(at + QP_LINE, encoded.length)
    // Never split an =XX escape.
    const escape = encoded.lastIndexOf('=', end - 1)
    if (end < encoded.length && escape > end - 3 && escape >= at) end = escape
    lines.push(encoded.slice(at, end))
    at = end
  }
  return `=\r\n${lines.join('=\r\n')}=\r\n`
}

/** Header values are checked, not encoded: a line break there would add headers. */
function headerSafe(value: string): string {
  if (!/^[!-~]+$/.test(value)) throw new Error('a reader value for a header must be printable ASCII without spaces')
  return value
}

/**
 * One reader's message: the template with that reader's values, nothing else changed. Bytes,
 * not a string: the 30 KB around the values are copied, never encoded again.
 */
export function personalize(template: DigestTemplate, values: ReaderValues): Buffer {
  const inBody = new Map<Slot, Buffer>()
  const inHeader = new Map<Slot, Buffer>()
  const parts = template.pieces.map((piece) => {
    if (Buffer.isBuffer(piece)) return piece
    const cache = piece.inBody ? inBody : inHeader
    let value = cache.get(piece.slot)
    if (!value) {
      value = Buffer.from(piece.inBody ? quotedPrintable(values[piece.slot]) : headerSafe(values[piece.slot]), 'ascii')
      cache.set(piece.slot, value)
    }
    return value
  })
  return Buffer.concat(parts)
}

/**
 * The same Message-ID for the same reader and edition every time, so a message resent
 * after a crash is recognizably the same one; opaque, so it reveals no record id.
 */
export function stableMessageIdLocalPart(secret: string, editionNumber: number, subscriberId: string | number): string {
  const digest = createHmac('sha256', secret).update(`digest:${editionNumber}:${subscriberId}`).digest('base64url').slice(0, 22)
  return `mm${editionNumber}.${digest}`
}
