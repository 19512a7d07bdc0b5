import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

import { parseSeedPage, SeedFormatError } from '@/src/seed/parseSeedPage'
import { lexicalDocument } from '@/src/seed/lexicalDocument'
import { plainTextOf } from '@/src/services/editorial/articleEditor'
import { SEED_PAGE_FILE } from '@/src/seed/seedDemoContent'

const page = parseSeedPage(readFileSync(SEED_PAGE_FILE, 'utf8'))

describe('reading the seed page', () => {
  it('finds the category, title and dek', () => {
    expect(page.category).toBe('Dating & Relationships')
    expect(page.title).toBe('How to Regain a Partner’s Lost Trust')
    expect(page.dek).toMatch(/^Of all the things in the world to try to recover, lost trust/)
  })

  it('turns the section titles into headings, in order', () => {
    const headings = page.body.filter((s) => s.kind === 'heading').map((s) => (s as { text: string }).text)
    expect(headings).toEqual([
      'Take Responsibility',
      'Give Your Partner Time & Space to Vent',
      'Avoid Self-Justifying & Being Casual',
      'Discuss Your Influences',
      'Renew Your Vows',
      'Practice the Three As',
      'The Bottom Line',
    ])
  })

  it('keeps both quotations as pull quotes, with the attribution where the page gives one', () => {
    expect(page.body.filter((s) => s.kind === 'pullQuote')).toEqual([
      {
        kind: 'pullQuote',
        quote: 'To be trusted is a greater compliment than being loved.',
        attribution: 'George MacDonald',
      },
      { kind: 'pullQuote', quote: 'Trust is like paper; once crumbled, it can’t be perfect.', attribution: undefined },
    ])
  })

  it('reads both "About the Author" boxes', () => {
    expect(page.authors.map((a) => [a.name, a.roleLine])).toEqual([
      ['Alinn Smith', 'Dermatologist by profession'],
      ['Guest Contributor', undefined],
    ])
    expect(page.authors[0].bio).toMatch(/currently associated with DrNumb & DrScabies/)
    expect(page.authors[1].bio).toMatch(/^MeetMindful is the first online dating site/)
  })

  it('reads the sign-up box wording', () => {
    expect(page.signup).toEqual({
      headline: 'Join our Mindful Movement!',
      text: "Sign up today, and we'll share bi-weekly Mindful Moments, full of helpful tips, tactics, and content to improve your life!",
      testimonial: 'Without a doubt, the most engaging written piece on mindfulness!',
      testimonialBy: 'a Mindful Moment Subscriber',
      privacyNote: "We'll never sell or share your information, either.",
      successMessage: 'You have Successfully Subscribed!',
    })
  })

  it('builds a rich-text document whose text is the article body', () => {
    const text = plainTextOf(lexicalDocument(page.body))
    expect(text).toContain('Trust is the basic principle that makes every relationship work')
    expect(text).toContain('To be trusted is a greater compliment than being loved.')
    expect(text.trim().endsWith('bring to it greater intimacy and love.')).toBe(true)
  })

  it('explains what is wrong with a page that does not follow the layout', () => {
    expect(() => parseSeedPage('Just a title\n\nAnd a line')).toThrow(SeedFormatError)
    expect(() => parseSeedPage('in: X\n\nTitle\n\nDek\n\nBody')).toThrow(/About the Author/)
  })
})
