import type { Payload } from 'payload'

import { listUnsubscribeHeadersWithToken } from '../newsletter/links'
import { senderFrom } from '../platform/mailer'
import type { RecordId } from '@/src/services/platform/records'
import type { RenderedEmail } from '@/emails/render'
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
 * Each worker composes an edition's MIME template once, from the frozen snapshot, and
 * keeps the few editions it is sending in memory.
 */
export class EditionTemplates {
  private readonly cache = new Map<string, Promise<EditionTemplate>>()

  constructor(private readonly payload: Payload) {}

  get(editionId: RecordId): Promise<EditionTemplate> {
    const key = String(editionId)
    let template = this.cache.get(key)
    if (!template) {
      template = this.compose(editionId)
      template.catch(() => this.cache.delete(key))
      this.cache.set(key, template)
      if (this.cache.size > 8) this.cache.delete(this.cache.keys().next().value!)
    }
    return template
  }

  private async compose(editionId: RecordId): Promise<EditionTemplate> {
    const [edition, settings] = await Promise.all([
      this.payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true }),
      this.payload.findGlobal({ slug: 'settings', depth: 0 }),
    ])
    const { subject, html, text } = edition.snapshot ?? {}
    if (!subject || !html || !text) throw new Error(`edition ${editionId} has no frozen snapshot to send`)
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
}
