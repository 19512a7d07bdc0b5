import type { Payload } from 'payload'

import { listUnsubscribeHeadersWithToken } from '../newsletter/links'
import { senderFrom } from '../platform/mailer'
import type { RecordId } from '@/src/services/platform/records'
import type { RenderedEmail } from '@/emails/render'
import type { Edition, Newsletter } from '@/src/payload-types'
import { EVERY_STORY } from './selections'
import { newsletterOfEdition } from './content'
import { composeDigestTemplate, readerPlaceholders, type DigestTemplate, type ReaderPlaceholders } from './message'

/** The newsletter an edition belongs to: its readers, its List-Id, what its unsubscribe link leaves. */
export type EditionNewsletter = Pick<Newsletter, 'id' | 'slug' | 'name'>

export type EditionTemplate = {
  message: DigestTemplate
  number: number
  newsletter: EditionNewsletter
  envelopeFrom: string
  /** When the edition started sending: readers paused at that moment are skipped. */
  startedAt: string
}

/** The headers every message of a newsletter carries besides its reader's own: one-click unsubscribe leaves that newsletter. */
export function digestHeaders(
  senderAddress: string,
  token: string,
  newsletter: Pick<Newsletter, 'slug' | 'name'>,
): Record<string, string> {
  const domain = senderAddress.split('@')[1]
  return {
    ...listUnsubscribeHeadersWithToken(token, newsletter.slug),
    // RFC 2919: a phrase, then the list's own id under our domain.
    'List-Id': `${newsletter.name.replace(/["\\<>\r\n]/g, '')} <${newsletter.slug}.${domain}>`,
    Precedence: 'bulk',
  }
}

/** An edition's frozen email as a MIME template with its reader slots, as every worker sends it. */
export function composeEditionTemplate(
  email: RenderedEmail,
  from: { name: string; address: string },
  placeholders: ReaderPlaceholders,
  newsletter: Pick<Newsletter, 'slug' | 'name'>,
): Promise<DigestTemplate> {
  return composeDigestTemplate(
    email,
    { from, headers: digestHeaders(from.address, placeholders.token, newsletter) },
    placeholders,
  )
}

/**
 * Each worker composes an edition's MIME templates once, from the frozen snapshot (the whole
 * edition) and its variants (the stories some readers' topics pick), and keeps those of the
 * few editions it is sending in memory.
 */
export class EditionTemplates {
  /** Null: the variant kept no story (all unpublished since): nothing to send. */
  private readonly cache = new Map<string, Promise<EditionTemplate | null>>()

  constructor(private readonly payload: Payload) {}

  /** The template for the readers of `stories` (a key of ./selections); the whole edition by default. */
  get(editionId: RecordId, stories = EVERY_STORY): Promise<EditionTemplate | null> {
    const key = `${editionId}|${stories}`
    let template = this.cache.get(key)
    if (!template) {
      template = this.compose(editionId, stories)
      template.catch(() => this.cache.delete(key))
      this.cache.set(key, template)
      // Room for the variants of a few editions at once.
      if (this.cache.size > 128) this.cache.delete(this.cache.keys().next().value!)
    }
    return template
  }

  private async compose(editionId: RecordId, stories: string): Promise<EditionTemplate | null> {
    const [edition, settings, variant] = await Promise.all([
      this.payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true }),
      this.payload.findGlobal({ slug: 'settings', depth: 0 }),
      stories === EVERY_STORY ? undefined : this.variant(editionId, stories),
    ])
    const { subject, html, text } = variant ?? edition.snapshot ?? {}
    if (variant && !html) return null
    if (!subject || !html || !text) throw new Error(`edition ${editionId} has no frozen render for "${stories}"`)
    const from = senderFrom(settings)
    const placeholders = readerPlaceholders(edition.snapshot?.placeholderKey)
    const newsletter = await editionNewsletter(this.payload, edition)
    const message = await composeEditionTemplate({ subject, html, text }, from, placeholders, newsletter)
    return {
      message,
      number: edition.number,
      newsletter,
      envelopeFrom: from.address,
      startedAt: edition.stats?.startedAt ?? edition.updatedAt,
    }
  }

  private async variant(editionId: RecordId, stories: string) {
    const { docs } = await this.payload.find({
      collection: 'edition-variants',
      where: { and: [{ edition: { equals: editionId } }, { stories: { equals: stories } }] },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    if (!docs[0]) throw new Error(`edition ${editionId} has no render for stories "${stories}"`)
    return docs[0]
  }
}

/** The edition's newsletter, as its messages' headers and its readers' check need it. */
export async function editionNewsletter(
  payload: Payload,
  edition: Pick<Edition, 'newsletter'>,
): Promise<EditionNewsletter> {
  const { id, slug, name } = await newsletterOfEdition(payload, edition)
  return { id, slug, name }
}
