import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

import { renderDigest, type DigestData } from '../../emails/digest'
import { parseSeedPage } from '../../src/seed/parseSeedPage'
import { SEED_PAGE_FILE } from '../../src/seed/seedDemoContent'

/** The "Mindful Moments" digest rendered from the seed page's content. */

const page = parseSeedPage(readFileSync(SEED_PAGE_FILE, 'utf8'))
const [alinn] = page.authors

const seedDigest: DigestData = {
  number: 1,
  subject: 'Mindful Moments #1: How to Regain a Partner’s Lost Trust',
  preheader: 'Of all the things in the world to try to recover, lost trust proves to be the most difficult.',
  intro: 'Welcome to the first Mindful Moments. This fortnight: trust, and how to rebuild it.',
  articles: [
    {
      category: page.category,
      title: page.title,
      summary: page.dek,
      authorName: alinn.name,
      authorRole: alinn.roleLine,
      url: 'https://mindful.example/articles/how-to-regain-a-partners-lost-trust',
      image: { url: 'https://mindful.example/api/media/file/trust.jpg', alt: 'Two hands holding a paper heart' },
    },
  ],
  leadAuthor: { name: alinn.name, roleLine: alinn.roleLine, bio: alinn.bio },
  postalAddress: 'Mindful Press · 123 Example Street · Boulder, CO 80302 · USA',
  unsubscribeUrl: 'https://mindful.example/newsletter/unsubscribe?token=READER_TOKEN',
  preferencesUrl: 'https://mindful.example/newsletter/unsubscribe?token=READER_TOKEN',
}

describe('the Mindful Moments digest', () => {
  it('renders the seed content without MJML errors at strict validation (text part snapshot)', async () => {
    const email = await renderDigest(seedDigest)
    expect(email.subject).toBe('Mindful Moments #1: How to Regain a Partner’s Lost Trust')
    expect(email.text).toMatchSnapshot()
  })

  it('has the masthead, intro, article card, About the Author, postal address and unsubscribe link', async () => {
    const { html } = await renderDigest(seedDigest)
    for (const part of [
      'MINDFUL MOMENTS',
      'Mindful Moments #1',
      'This fortnight: trust',
      'DATING &amp; RELATIONSHIPS',
      'How to Regain a Partner’s Lost Trust',
      'Alinn Smith · Dermatologist by profession',
      'ABOUT THE AUTHOR',
      'DrNumb &amp; DrScabies',
      'Mindful Press · 123 Example Street',
      'href="https://mindful.example/newsletter/unsubscribe?token=READER_TOKEN"',
      'alt="Two hands holding a paper heart"',
    ]) {
      expect(html, part).toContain(part)
    }
  })

  it('carries no tracking pixel and links only to our own site', async () => {
    const { html } = await renderDigest(seedDigest)
    const images = [...html.matchAll(/<img[^>]*>/g)].map((m) => m[0])
    expect(images).toHaveLength(1)
    expect(images[0]).toContain('alt="Two hands holding a paper heart"')
    const hosts = new Set([...html.matchAll(/(?:href|src)="(https?:[^"]+)"/g)].map((m) => new URL(m[1]).host))
    expect(hosts).toEqual(new Set(['mindful.example']))
  })
})
