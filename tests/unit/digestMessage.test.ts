import { readFileSync } from 'node:fs'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'

import { renderDigest } from '../../emails/digest'
import { parseSeedPage } from '../../src/seed/parseSeedPage'
import { SEED_PAGE_FILE } from '../../src/seed/seedDemoContent'
import { composeDigestTemplate, personalize, PLACEHOLDER, stableMessageIdLocalPart } from '../../src/services/digest/message'

/** The digest composed once as raw MIME, then made each reader's own by exact substitution. */

const page = parseSeedPage(readFileSync(SEED_PAGE_FILE, 'utf8'))
const link = (token: string) => `https://mindful.example/newsletter/unsubscribe?token=${token}`

async function template(intro: string) {
  const email = await renderDigest({
    number: 7,
    subject: 'Mindful Moments #7: How to Regain a Partner’s Lost Trust',
    intro,
    articles: [{ title: page.title, summary: page.dek, category: page.category, authorName: 'Alinn Smith', url: 'https://mindful.example/articles/trust' }],
    postalAddress: 'Mindful Press · Boulder',
    unsubscribeUrl: link(PLACEHOLDER.token),
    preferencesUrl: link(PLACEHOLDER.token),
  })
  return composeDigestTemplate(email, {
    from: { name: 'Mindful Moments', address: 'moments@mindful.example' },
    headers: { 'List-Unsubscribe': `<${link(PLACEHOLDER.token)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  })
}

const reader = (n: number) => ({
  // As long as real tokens, with every character a token can hold.
  token: `dW5zdWJzY3JpYmU.${Buffer.from(String(n)).toString('base64url')}.0.Ab-_9${'x'.repeat(38)}${n}`,
  address: `reader.${n}+mm@example.org`,
  messageId: `mm7.reader${n}`,
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
      expect(parsed.text).toContain(link(values.token))
      const text = raw.toString('ascii')
      expect(text).toMatch(/\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/)
      expect(text).not.toContain(PLACEHOLDER.token.slice(0, 8))
      expect(text).not.toMatch(/mmreader(address|messageid)/)
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
      text.replace(/=\r\n/g, '').replaceAll(values.token, 'T').replaceAll(values.address, 'A').replaceAll(values.messageId, 'M')
    expect(strip(one, first)).toBe(strip(two, second))
  })

  it('refuses a header value that could add a header', async () => {
    const compiled = await template('')
    expect(() => personalize(compiled, { ...reader(3), address: 'a@example.org\r\nBcc: everyone@example.org' })).toThrow(/printable ASCII/)
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
