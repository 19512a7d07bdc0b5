/**
 * Reads the page the product grows from (a plain-text copy of one magazine page) into the
 * pieces the CMS keeps: category, title, dek, body sections, the authors' boxes, and the
 * sign-up box wording. The page has no markup, so its layout rules are spelled out here:
 *
 *  - blocks are separated by blank lines;
 *  - the first block is "in: <category>", then the title, then the dek;
 *  - a block wrapped in “…” (optionally followed by —Name) is a pull quote;
 *  - a short block without closing punctuation is a section heading;
 *  - "About the Author" starts an author box: "<First> <Last> <role line> who …", or,
 *    with a colon, a block holding the author's name followed by the bio;
 *  - what follows the author boxes is the newsletter sign-up box.
 */

export type BodySection =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'pullQuote'; quote: string; attribution?: string }

export type SeedAuthor = { name: string; roleLine?: string; bio: string }

export type SignupWording = {
  headline: string
  text: string
  testimonial?: string
  testimonialBy?: string
  privacyNote?: string
  successMessage?: string
}

export type SeedPage = {
  category: string
  title: string
  dek: string
  body: BodySection[]
  authors: SeedAuthor[]
  signup: SignupWording
}

export class SeedFormatError extends Error {
  override name = 'SeedFormatError'
}

const PULL_QUOTE = /^[“"](.+?)[”"]\s*(?:[—–-]\s*(.+))?$/s
const MAX_HEADING_LENGTH = 70

function isHeading(block: string): boolean {
  return block.length <= MAX_HEADING_LENGTH && !/[.!?:;,”"…)]$/.test(block) && /^[A-Z0-9]/.test(block)
}

function bodySection(block: string): BodySection {
  const quote = PULL_QUOTE.exec(block)
  if (quote) return { kind: 'pullQuote', quote: quote[1].trim(), attribution: quote[2]?.trim() || undefined }
  if (isHeading(block)) return { kind: 'heading', text: block }
  return { kind: 'paragraph', text: block }
}

/** "Alinn Smith Dermatologist by profession who …" → name, role line and bio. */
function inlineAuthor(block: string): SeedAuthor {
  const words = block.split(' ')
  if (words.length < 4) throw new SeedFormatError(`An author box is too short to hold a name and a bio: "${block}"`)
  const name = words.slice(0, 2).join(' ')
  const bio = words.slice(2).join(' ')
  const roleLine = /^(.{3,80}?)\s+who\s/.exec(bio)?.[1]
  return { name, roleLine, bio }
}

function signupWording(blocks: string[]): SignupWording {
  const rest = [...blocks]
  const take = (test: (block: string) => boolean) => {
    const index = rest.findIndex(test)
    return index === -1 ? undefined : rest.splice(index, 1)[0]
  }
  const successMessage = take((b) => /successfully subscribed/i.test(b))
  const privacyNote = take((b) => /^\(.*\)$/.test(b))?.slice(1, -1)
  const testimonialBy = take((b) => /^[-—–]\s/.test(b))?.replace(/^[-—–]\s*/, '')
  const testimonial = take((b) => /^["“].*["”]$/.test(b))?.slice(1, -1)
  const [headline, text] = rest
  if (!headline || !text) throw new SeedFormatError('The sign-up box needs a headline and a text.')
  return { headline, text, testimonial, testimonialBy, privacyNote, successMessage }
}

export function parseSeedPage(source: string): SeedPage {
  const blocks = source
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter(Boolean)

  const categoryLine = /^in:\s*(.+)$/i.exec(blocks[0] ?? '')
  if (!categoryLine) throw new SeedFormatError('The page must start with "in: <category>".')
  const [title, dek] = [blocks[1], blocks[2]]
  if (!title || !dek) throw new SeedFormatError('The page must have a title and a dek after the category.')

  const firstAuthorBox = blocks.findIndex((b) => /^About the Author:?$/i.test(b))
  if (firstAuthorBox === -1) throw new SeedFormatError('The page must have an "About the Author" box.')
  const body = blocks.slice(3, firstAuthorBox).map(bodySection)

  const authors: SeedAuthor[] = []
  let index = firstAuthorBox
  while (/^About the Author:?$/i.test(blocks[index] ?? '')) {
    if (blocks[index].endsWith(':')) {
      const [name, bio] = [blocks[index + 1], blocks[index + 2]]
      if (!name || !bio) throw new SeedFormatError('"About the Author:" must be followed by a name and a bio.')
      authors.push({ name, bio })
      index += 3
    } else {
      authors.push(inlineAuthor(blocks[index + 1] ?? ''))
      index += 2
    }
  }

  return { category: categoryLine[1], title, dek, body, authors, signup: signupWording(blocks.slice(index)) }
}
