import { createHmac, randomBytes } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'

import { escapeHtml } from '@/emails/partials'
import type { RenderedEmail } from '@/emails/render'

/**
 * The digest as raw MIME, composed once per edition and process, then personalized per
 * reader by exact substitution (STACK-NOTES: MIME composition, not SMTP, is the
 * per-message cost).
 *
 * Placeholders are plain letters, so MJML, html-to-text and quoted-printable leave them
 * as they are. Quoted-printable may still cut one with a soft line break (`=\r\n`) every
 * 76 characters, so they are found with soft breaks allowed between any two letters, and
 * a reader's value goes in wrapped in soft breaks of its own: every line stays within
 * RFC 2045's 76 characters and decodes to exactly the value. In the HTML part the value is
 * HTML-escaped first: a reader's name is text, never markup.
 */

/**
 * The placeholders of one snapshot. The key is random per render and kept with the snapshot,
 * so nobody can write a working placeholder into an edition beforehand (an editor who could
 * would have every reader's address filled in where they chose). Snapshots frozen before
 * keys existed have none: theirs are the old fixed strings.
 */
export function readerPlaceholders(key: string | null | undefined) {
  const k = (key ?? '').toUpperCase()
  return {
    /** The reader's link token, in the unsubscribe and preferences links and List-Unsubscribe. */
    token: `MMREADERLINKTOKEN${k}QX`,
    address: `mmreaderaddress${k.toLowerCase()}qx`,
    messageId: `mmreadermessageid${k.toLowerCase()}qx`,
    /** What follows "Hi" in the greeting: the reader's first name, or "there". */
    name: `MMREADERGREETINGNAME${k}QX`,
  } as const
}

export type ReaderPlaceholders = ReturnType<typeof readerPlaceholders>

/** A fresh key for a render: letters only, which MJML, html-to-text and quoted-printable leave alone. */
export function newPlaceholderKey(): string {
  return Array.from(randomBytes(16), (byte) => String.fromCharCode(65 + (byte % 26))).join('')
}

/** Anything an editor writes that looks like a placeholder is refused (see readerPlaceholders). */
export const PLACEHOLDER_LIKE = /mmreader/i

type Slot = keyof ReaderPlaceholders

export type ReaderValues = Record<Slot, string>

/** Where a slot sits decides its encoding: checked as-is in a header, quoted-printable in a part, escaped too in HTML. */
type Place = 'header' | 'text' | 'html'

type SlotPiece = { slot: Slot; place: Place }

export type DigestTemplate = {
  /** Literal bytes and slots, in order. */
  pieces: Array<Buffer | SlotPiece>
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

function finderOf(placeholders: ReaderPlaceholders): RegExp {
  return new RegExp(
    Object.values(placeholders)
      .map((placeholder) => `(${softBroken(placeholder)})`)
      .join('|'),
    'g',
  )
}

/** Composes the message once, with the placeholders where each reader's values go. */
export async function composeDigestTemplate(
  email: RenderedEmail,
  envelope: DigestEnvelope,
  placeholders: ReaderPlaceholders,
): Promise<DigestTemplate> {
  const slots = Object.keys(placeholders) as Slot[]
  const messageIdDomain = envelope.from.address.split('@')[1]
  const raw = (
    await new MailComposer({
      from: envelope.from,
      to: `${placeholders.address}@placeholder.invalid`,
      subject: email.subject,
      html: email.html,
      text: email.text,
      textEncoding: 'quoted-printable',
      messageId: `<${placeholders.messageId}@${messageIdDomain}>`,
      headers: envelope.headers,
    })
      .compile()
      .build()
  )
    .toString('ascii')
    // One line ending throughout (the parts' own text may bring bare LFs): what DKIM signs and SMTP sends.
    .replace(/\r?\n/g, '\r\n')

  const bodyStart = raw.indexOf('\r\n\r\n')
  // multipart/alternative: the text part, then the HTML part, whose headers follow a boundary line.
  const htmlPart = /\r\n--[^\r\n]+\r\nContent-Type: text\/html/.exec(raw.slice(bodyStart))
  if (!htmlPart) throw new Error('the digest template has no HTML part')
  const htmlStart = bodyStart + htmlPart.index
  const placeAt = (index: number): Place => (index < bodyStart ? 'header' : index > htmlStart ? 'html' : 'text')
  const pieces: Array<string | SlotPiece> = []
  let last = 0
  for (const match of raw.matchAll(finderOf(placeholders))) {
    const slot = slots[match.slice(1).findIndex(Boolean)]
    pieces.push(raw.slice(last, match.index))
    pieces.push({ slot, place: placeAt(match.index) })
    last = match.index + match[0].length
  }
  pieces.push(raw.slice(last))
  // The fake recipient domain was written after the address placeholder.
  const template = pieces.map((piece) =>
    typeof piece === 'string' ? Buffer.from(piece.replaceAll('@placeholder.invalid', ''), 'ascii') : piece,
  )
  for (const slot of slots) {
    if (!template.some((piece) => !Buffer.isBuffer(piece) && piece.slot === slot)) {
      throw new Error(`the digest template lost its ${slot} placeholder`)
    }
  }
  return { pieces: template, messageIdDomain }
}

/** A value as quoted-printable text in soft-broken lines, so the line it lands in stays short. */
function quotedPrintable(value: string): string {
  // Byte by byte: a character beyond the Basic Plane (an emoji) is two UTF-16 units but one UTF-8 sequence.
  let encoded = ''
  for (const byte of Buffer.from(value, 'utf8')) {
    encoded +=
      byte > 0x20 && byte < 0x7f && byte !== 0x3d
        ? String.fromCharCode(byte)
        : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  const lines: string[] = []
  for (let at = 0; at < encoded.length;) {
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
  const encoded = new Map<string, Buffer>()
  const parts = template.pieces.map((piece) => {
    if (Buffer.isBuffer(piece)) return piece
    const key = `${piece.place}:${piece.slot}`
    let value = encoded.get(key)
    if (!value) {
      value = Buffer.from(encodeFor(piece.place, values[piece.slot]), 'ascii')
      encoded.set(key, value)
    }
    return value
  })
  return Buffer.concat(parts)
}

function encodeFor(place: Place, value: string): string {
  if (place === 'header') return headerSafe(value)
  return quotedPrintable(place === 'html' ? escapeHtml(value) : value)
}

/**
 * The same Message-ID for the same reader and edition every time, so a message resent
 * after a crash is recognizably the same one; opaque, so it reveals no record id.
 */
export function stableMessageIdLocalPart(secret: string, editionNumber: number, subscriberId: string | number): string {
  const digest = createHmac('sha256', secret)
    .update(`digest:${editionNumber}:${subscriberId}`)
    .digest('base64url')
    .slice(0, 22)
  return `mm${editionNumber}.${digest}`
}
