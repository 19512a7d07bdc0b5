import type { Payload } from 'payload'

import { listUnsubscribeHeadersWithToken } from '../newsletter/links'
import { senderFrom } from '../platform/mailer'
import type { RecordId } from '@/src/services/platform/records'
import type { RenderedEmail } from '@/emails/render'
import { EVERY_STORY } from './selections'
import { composeDigestTemplate, readerPlaceholders, type DigestTemplate, type ReaderPlaceholders } from './message'

export type EditionTemplate = {
  message: DigestTemplate
  number: number
  envelopeFrom: string
  /** When the edition started sending: readers paused at that moment are skipped. */
  startedAt: string
}

/** The headers every digest message carries besides its reader's own. */
export function digestHeaders(senderAddress: string, token: string): Record<string, string> {
  const domain = senderAddress.split('@')[1]
  return {
    ...listUnsubscribeHeadersWithToken(token),
    'List-Id': `Mindful Moments <mindful-moments.${domain}>`,
    Precedence: 'bulk',
  }
}

/** An edition's frozen email as a MIME template with its reader slots, as every worker sends it. */
export function composeEditionTemplate(
  email: RenderedEmail,
  from: { name: string; address: string },
  placeholders: ReaderPlaceholders,
): Promise<DigestTemplate> {
  return composeDigestTemplate(email, { from, headers: digestHeaders(from.address, placeholders.token) }, placeholders)
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
    const message = await composeEditionTemplate({ subject, html, text }, from, placeholders)
    return {
      message,
      number: edition.number,
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
