import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import sharp from 'sharp'

import { GUEST_CATEGORY } from '@/src/services/editorial/guestAuthors'
import { slugify } from '@/src/services/platform/text'
import { lexicalDocument } from './lexicalDocument'
import { parseSeedPage, type SeedPage } from './parseSeedPage'

export const SEED_PAGE_FILE = path.resolve(process.cwd(), 'src/seed/fixtures/regain-lost-trust.txt')

/** The seed article's hero picture, drawn for this repository as SVG (nothing is downloaded). */
const SEED_HERO = {
  file: path.resolve(process.cwd(), 'src/seed/fixtures/regain-lost-trust.svg'),
  name: 'regain-lost-trust.jpg',
  alt: 'Two soft circles of light, one violet and one rose, overlapping at dawn above gentle hills',
}

export type SeedReport = { created: string[]; kept: string[] }

type Admin = { email: string; password: string }

/**
 * Loads the demo content through the Local API. Idempotent: it creates what is missing and
 * never overwrites what exists, so an editor's changes survive a second run.
 */
export async function seedDemoContent(payload: Payload, admin?: Admin, source = readFileSync(SEED_PAGE_FILE, 'utf8')) {
  const page = parseSeedPage(source)
  const report: SeedReport = { created: [], kept: [] }
  const note = (created: boolean, what: string) => (created ? report.created : report.kept).push(what)

  async function ensure<T extends 'categories' | 'authors' | 'articles'>(
    collection: T,
    slug: string,
    data: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  ): Promise<string | number> {
    const found = await payload.find({ collection, where: { slug: { equals: slug } }, limit: 1, draft: true, depth: 0 })
    const existing = found.docs[0]
    note(!existing, `${collection}/${slug}`)
    if (existing) return existing.id
    const created = await payload.create({ collection, data: { slug, ...(await data()) } as never, depth: 0 })
    return created.id
  }

  if (admin) {
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { email: { equals: admin.email.toLowerCase() } },
    })
    note(totalDocs === 0, 'users/admin')
    if (totalDocs === 0) {
      await payload.create({ collection: 'users', data: { name: 'Admin', role: 'admin', ...admin } })
    }
  }

  const categoryId = await ensure('categories', slugify(page.category), () => ({ name: page.category }))
  await ensure('categories', slugify(GUEST_CATEGORY), () => ({
    name: GUEST_CATEGORY,
    description: 'Stories and lessons shared by our guest writers.',
  }))

  const authorIds: Array<string | number> = []
  for (const author of page.authors) {
    authorIds.push(
      await ensure('authors', slugify(author.name), () => ({
        name: author.name,
        roleLine: author.roleLine,
        bio: author.bio,
        // The magazine's own guest desk is staff; a named outside writer is a guest.
        isGuest: author.name !== GUEST_CATEGORY,
      })),
    )
  }

  async function ensureHero(): Promise<string | number> {
    const { docs } = await payload.find({
      collection: 'media',
      where: { filename: { equals: SEED_HERO.name } },
      limit: 1,
      depth: 0,
    })
    note(!docs[0], `media/${SEED_HERO.name}`)
    if (docs[0]) return docs[0].id
    const data = await sharp(SEED_HERO.file).jpeg({ quality: 82, mozjpeg: true }).toBuffer()
    const created = await payload.create({
      collection: 'media',
      data: { alt: SEED_HERO.alt },
      file: { data, mimetype: 'image/jpeg', name: SEED_HERO.name, size: data.length },
      depth: 0,
    })
    return created.id
  }

  await ensure('articles', slugify(page.title), async () => ({
    heroImage: await ensureHero(),
    title: page.title,
    dek: page.dek,
    category: categoryId,
    authors: authorIds,
    body: lexicalDocument(page.body),
    includeInDigest: true,
    _status: 'published',
  }))

  await seedSignupWording(payload, page, note)
  return report
}

async function seedSignupWording(payload: Payload, page: SeedPage, note: (created: boolean, what: string) => void) {
  const settings = await payload.findGlobal({ slug: 'settings' })
  const missing = !settings.signupText
  note(missing, 'settings/sign-up wording')
  if (!missing) return
  const { signup } = page
  await payload.updateGlobal({
    slug: 'settings',
    data: {
      signupHeadline: signup.headline,
      signupText: signup.text,
      signupTestimonial: signup.testimonial,
      signupTestimonialBy: signup.testimonialBy,
      privacyNote: signup.privacyNote,
      successMessage: signup.successMessage,
    },
  })
}
