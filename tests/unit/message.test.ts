import { readFileSync } from 'node:fs'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'

import { renderDigest } from '@/emails/digest'
import { greetingName } from '@/src/services/newsletter/readerNames'
import { escapeHtml } from '@/emails/partials'
import { parseSeedPage } from '@/src/seed/parseSeedPage'
import { SEED_PAGE_FILE } from '@/src/seed/seedDemoContent'
import {
  composeDigestTemplate,
  newPlaceholderKey,
  personalize,
  readerPlaceholders,
  stableMessageIdLocalPart,
} from '@/src/services/digest/message'

const PLACEHOLDER = readerPlaceholders(newPlaceholderKey())

/** The digest composed once as raw MIME, then made each reader's own by exact substitution. */

const page = parseSeedPage(readFileSync(SEED_PAGE_FILE, 'utf8'))
const link = (token: string) => `https://mindful.example/newsletter/unsubscribe?token=${token}`

const manage = (token: string) => `https://mindful.example/newsletter/manage?token=${token}`

async function template(editorsNote: string) {
  const email = await renderDigest({
    newsletter: { name: 'Mindful Moments', cadence: 'biweekly' },
    number: 7,
    date: '25 November 2026',
    subject: 'Mindful Moments #7: How to Regain a Partner’s Lost Trust',
    editorsNote,
    articles: [
      {
        title: page.title,
        summary: page.dek,
        category: page.category,
        authorName: 'Alinn Smith',
        url: 'https://mindful.example/articles/trust',
      },
    ],
    postalAddress: 'Mindful Press · Boulder',
    whatWeCountUrl: 'https://mindful.example/privacy/what-we-count',
    greetingName: PLACEHOLDER.name,
    webVersionUrl: 'https://mindful.example/newsletter/editions/7',
    unsubscribeUrl: link(PLACEHOLDER.token),
    manageUrl: manage(PLACEHOLDER.token),
    pauseUrl: `https://mindful.example/newsletter/pause?token=${PLACEHOLDER.token}`,
  })
  return composeDigestTemplate(
    email,
    {
      from: { name: 'Mindful Moments', address: 'moments@mindful.example' },
      headers: {
        'List-Unsubscribe': `<${link(PLACEHOLDER.token)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    },
    PLACEHOLDER,
  )
}

const reader = (n: number) => ({
  // As long as real tokens, with every character a token can hold.
  token: `dW5zdWJzY3JpYmU.${Buffer.from(String(n)).toString('base64url')}.0.Ab-_9${'x'.repeat(38)}${n}`,
  address: `reader.${n}+mm@example.org`,
  messageId: `mm7.reader${n}`,
  name: greetingName(`Reader ${n}`),
})

describe('the digest as raw MIME', () => {
  it('gives each reader exactly their own link in the header, the HTML and the text, wherever the lines fall', async () => {
    // Intros of every length move the placeholders across quoted-printable's 76-character lines.
    for (let length = 0; length < 80; length += 7) {
      const compiled = await template('Mindful '.repeat(length).slice(0, length))
      const values = reader(length)
      const raw = personalize(compiled, values)
      const parsed = await simpleParser(raw)
      expect(parsed.to).toMatchObject({ value: [{ address: values.address }] })
      expect(parsed.messageId).toBe(`<${values.messageId}@mindful.example>`)
      expect((parsed.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url).toBe(link(values.token))
      expect(parsed.html).toContain(`href="${link(values.token)}"`)
      expect(parsed.html).toContain(`href="${manage(values.token)}"`)
      expect(parsed.text).toContain(link(values.token))
      expect(parsed.html).toContain(`Hi ${values.name},`)
      expect(parsed.text).toContain(`Hi ${values.name},`)
      const text = raw.toString('ascii')
      expect(text).toMatch(/\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/)
      expect(text).not.toContain(PLACEHOLDER.token.slice(0, 8))
      expect(text).not.toMatch(/mmreader(address|messageid)/i)
      expect(text.replace(/=\r\n/g, '')).not.toContain(PLACEHOLDER.name)
      // RFC 2045: quoted-printable lines of at most 76 characters, with CRLF endings only.
      const body = text.slice(text.indexOf('\r\n\r\n'))
      expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true)
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    }
  })

  it('changes nothing but the reader’s values between two readers', async () => {
    const compiled = await template('This fortnight: trust.')
    const [first, second] = [reader(1), reader(2)]
    const one = personalize(compiled, first).toString('ascii')
    const two = personalize(compiled, second).toString('ascii')
    const strip = (text: string, values: typeof first) =>
      text
        .replace(/=\r\n/g, '')
        .replaceAll(values.token, 'T')
        .replaceAll(values.address, 'A')
        .replaceAll(values.messageId, 'M')
        .replaceAll(values.name.replace(' ', '=20'), 'N')
    expect(strip(one, first)).toBe(strip(two, second))
  })

  it('greets every reader by their own name: escaped in the HTML, as written in the text, whatever the letters', async () => {
    const names = [
      '<script>alert("hi")</script>',
      'Zoë & "Jo" O\'Neil',
      'Наташа',
      '李小龙',
      'Nia 🌸 👩‍❤️‍👨',
      'Ana=20María',
      'x'.repeat(80),
      '',
    ]
    for (let length = 0; length < 40; length += 13) {
      const compiled = await template('Mindful '.repeat(length).slice(0, length))
      for (const [n, firstName] of names.entries()) {
        const values = { ...reader(n), name: greetingName(firstName) }
        const raw = personalize(compiled, values)
        const parsed = await simpleParser(raw)
        const shown = firstName || 'there'
        expect(parsed.text).toContain(`Hi ${shown},`)
        expect(parsed.html).toContain(`Hi ${escapeHtml(shown)},`)
        expect(parsed.html).not.toContain('<script>')
        // Nothing else moved: the reader's link is intact beside the name.
        expect(parsed.html).toContain(`href="${manage(values.token)}"`)
        const body = raw.toString('ascii').slice(raw.indexOf('\r\n\r\n'))
        expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true)
        expect([...raw].every((byte) => byte < 128)).toBe(true)
      }
    }
  })

  it('refuses a header value that could add a header', async () => {
    const compiled = await template('')
    expect(() =>
      personalize(compiled, { ...reader(3), address: 'a@example.org\r\nBcc: everyone@example.org' }),
    ).toThrow(/printable ASCII/)
  })
})

describe('the stable Message-ID', () => {
  it('is the same for the same reader and edition, different otherwise, and looks opaque', () => {
    const id = stableMessageIdLocalPart('secret', 7, 42)
    expect(stableMessageIdLocalPart('secret', 7, 42)).toBe(id)
    expect(stableMessageIdLocalPart('secret', 7, 43)).not.toBe(id)
    expect(stableMessageIdLocalPart('secret', 8, 42)).not.toBe(id)
    expect(id).toMatch(/^mm7\.[\w-]{22}$/)
  })
})
