import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { digestPreheader, renderDigest, type DigestArticle, type DigestData } from '@/emails/digest'
import { greetingName } from '@/src/services/newsletter/readerNames'
import { PALETTE } from '@/emails/partials'
import { parseSeedPage } from '@/src/seed/parseSeedPage'
import { SEED_PAGE_FILE } from '@/src/seed/seedDemoContent'

/** The "Mindful Moments" digest rendered from the seed page's content. */

const page = parseSeedPage(readFileSync(SEED_PAGE_FILE, 'utf8'))
const [alinn] = page.authors
const site = 'https://mindful.example'

const lead: DigestArticle = {
  category: page.category,
  title: page.title,
  summary: page.dek,
  authorName: alinn.name,
  readingMinutes: 6,
  url: `${site}/articles/how-to-regain-a-partners-lost-trust`,
  image: {
    url: `${site}/api/media/file/regain-lost-trust.jpg`,
    alt: 'Two soft circles of light overlapping at dawn',
    width: 1600,
    height: 900,
  },
}

const story = (n: number, withImage = true): DigestArticle => ({
  category: 'Self-care',
  title: `Small rituals that keep love awake, part ${n}`,
  summary: 'Five minutes at the end of the day, a question instead of an answer, and a walk without phones.',
  authorName: 'Guest Contributor',
  readingMinutes: 4,
  url: `${site}/articles/small-rituals-${n}`,
  image: withImage
    ? {
        url: `${site}/api/media/file/rituals-${n}-640x360.jpg`,
        alt: `Two cups of tea on a windowsill (${n})`,
        width: 640,
        height: 360,
      }
    : null,
})

const seedDigest: DigestData = {
  newsletter: { name: 'Mindful Moments', cadence: 'biweekly' },
  number: 1,
  date: '25 November 2026',
  subject: 'Mindful Moments #1: How to Regain a Partner’s Lost Trust',
  preheader: null,
  editorsNote: 'Welcome to the first Mindful Moments.\n\nThis fortnight: trust, and how to rebuild it.',
  articles: [lead, story(1), story(2, false)],
  leadAuthor: { name: alinn.name, roleLine: alinn.roleLine, bio: alinn.bio },
  postalAddress: 'Mindful Press · 123 Example Street · Boulder, CO 80302 · USA',
  whatWeCountUrl: 'https://mindful.example/privacy/what-we-count',
  greetingName: 'Nia',
  webVersionUrl: `${site}/newsletter/editions/1`,
  manageUrl: `${site}/newsletter/manage?token=READER_TOKEN`,
  pauseUrl: `${site}/newsletter/pause?token=READER_TOKEN`,
  unsubscribeUrl: `${site}/newsletter/unsubscribe?token=READER_TOKEN`,
}

const tags = (html: string, name: string) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0])

describe('the Mindful Moments digest', () => {
  it('renders the seed content without MJML errors at strict validation (HTML and text snapshots)', async () => {
    const email = await renderDigest(seedDigest)
    expect(email.subject).toBe('Mindful Moments #1: How to Regain a Partner’s Lost Trust')
    expect(email.text).toMatchSnapshot()
    await expect(email.html).toMatchFileSnapshot(path.join(import.meta.dirname, '__snapshots__/digest.html'))
  })

  it('has the masthead, the number and date, the greeting, the editor’s note, the stories and the footer', async () => {
    const { html } = await renderDigest(seedDigest)
    for (const part of [
      'Mindful Press',
      'MINDFUL MOMENTS #1 · 25 NOVEMBER 2026',
      'Hi Nia,',
      'Welcome to the first Mindful Moments.',
      'This fortnight: trust, and how to rebuild it.',
      '— The Mindful Press editors',
      'DATING &amp; RELATIONSHIPS',
      'How to Regain a Partner’s Lost Trust',
      'By Alinn Smith &nbsp;·&nbsp; 6 min read',
      'Read the story',
      'ABOUT THE AUTHOR',
      'DrNumb &amp; DrScabies',
      'MORE THIS FORTNIGHT',
      'Small rituals that keep love awake, part 1',
      'Small rituals that keep love awake, part 2',
      `href="${site}/newsletter/editions/1"`,
      `href="${site}/newsletter/manage?token=READER_TOKEN"`,
      `href="${site}/newsletter/unsubscribe?token=READER_TOKEN"`,
      'Manage your subscription',
      'Mindful Press · 123 Example Street',
      'because you subscribed on our site',
    ]) {
      expect(html, part).toContain(part)
    }
  })

  it('without an editor’s note, opens with a line of its own', async () => {
    const { html } = await renderDigest({ ...seedDigest, editorsNote: '  ' })
    expect(html).toContain("Here are this fortnight's stories")
    expect(html).not.toContain('— The Mindful Press editors')
  })

  it('styles every link (never the mail app’s default blue) and gives every image an absolute URL, width, height and alt text', async () => {
    const { html } = await renderDigest(seedDigest)
    const links = tags(html, 'a')
    expect(links.length).toBeGreaterThan(8)
    for (const link of links) expect(link, link).toMatch(/style="[^"]*color:\s*#[0-9a-f]{6}/i)
    const images = tags(html, 'img')
    expect(images).toHaveLength(2)
    for (const image of images) {
      expect(image).toMatch(/src="https:\/\/mindful\.example\//)
      expect(image).toMatch(/\balt="[^"]+"/)
      expect(image).toMatch(/\bwidth="\d+"/)
      expect(image).toMatch(/\bheight="\d+"/)
    }
    // The lead picture at the card's width, in its own proportions.
    expect(images[0]).toMatch(/width="536"[^>]*height="302"|height="302"[^>]*width="536"/)
  })

  it('carries no tracking pixel and links only to our own site', async () => {
    const { html } = await renderDigest(seedDigest)
    const hosts = new Set([...html.matchAll(/(?:href|src)="(https?:[^"]+)"/g)].map((m) => new URL(m[1]).host))
    expect(hosts).toEqual(new Set(['mindful.example']))
    expect(html).not.toMatch(/url\(https?:/)
  })

  it('declares its language, keeps headings in order and offers a dark scheme', async () => {
    const { html } = await renderDigest({ ...seedDigest, articles: [lead, story(1), story(2), story(3)] })
    expect(html).toMatch(/<html lang="en"/)
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]))
    expect(levels[0]).toBe(1)
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1], `heading ${i}`).toBeLessThanOrEqual(1)
    expect(html).toContain('<meta name="color-scheme" content="light dark" />')
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark" />')
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\) \{[^}]*body\.mm-paper/)
    // MJML's Outlook fallbacks stay.
    expect(html).toContain('<!--[if mso | IE]>')
  })

  it('stays under Gmail’s 102 KB clipping point with 8 articles', async () => {
    const articles = [lead, ...Array.from({ length: 7 }, (_, i) => story(i + 1, i % 3 !== 2))]
    const { html } = await renderDigest({ ...seedDigest, articles, editorsNote: 'A longer note. '.repeat(60) })
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(102 * 1024)
    expect(tags(html, 'h3')).toHaveLength(7)
  })

  it('uses the site’s palette', () => {
    const css = readFileSync(path.resolve(import.meta.dirname, '../../src/app/(site)/site.css'), 'utf8')
    for (const [name, value] of Object.entries(PALETTE)) expect(css, name).toContain(`--${name}: ${value}`)
  })
})

describe('the preheader', () => {
  it('is the editor’s when written, otherwise the lead story’s dek', async () => {
    expect(digestPreheader({ preheader: 'Trust, rebuilt.', articles: [lead] })).toBe('Trust, rebuilt.')
    expect(digestPreheader({ preheader: null, articles: [lead] })).toBe(page.dek)
    const { html, text } = await renderDigest({
      ...seedDigest,
      preheader: 'Trust, rebuilt — one small step at a time.',
    })
    expect(html).toMatch(
      /<div style="display:none;[^"]*">Trust, rebuilt — one small step at a time\.(&#847;&zwnj;&nbsp;)+<\/div>/,
    )
    // Hidden in the HTML, and not repeated in the text part.
    expect(text).not.toContain('Trust, rebuilt')
  })
})

describe('the greeting', () => {
  it('is the reader’s first name as written, or "there"', () => {
    expect(greetingName('Nia')).toBe('Nia')
    expect(greetingName('  Zoë  ')).toBe('Zoë')
    expect(greetingName('Наташа')).toBe('Наташа')
    expect(greetingName('Nia 👩‍❤️‍👨')).toBe('Nia 👩‍❤️‍👨')
    expect(greetingName('Mary\r\nAnn')).toBe('Mary Ann')
    expect(greetingName('')).toBe('there')
    expect(greetingName(null)).toBe('there')
    expect(greetingName(' \t ')).toBe('there')
  })
})
