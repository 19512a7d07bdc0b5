import type { Payload } from 'payload'

import type { Edition } from '@/src/payload-types'
import { logger } from '../platform/logger'
import { loadEditionContent, type EditionContent } from './content'
import { renderForEveryReader } from './renderForReaders'
import { articlesOf, EVERY_STORY, NO_STORY } from './selections'

/**
 * The renders of an edition for readers whose topics pick only some of its stories: one
 * per distinct set of stories, made during the fan-out before any batch needs it, with the
 * snapshot's placeholders (so every worker personalizes them the same way). A fan-out that
 * runs again, or a second one racing it, finds what is there: the unique (edition, stories)
 * index keeps one render per set.
 */
export class EditionVariantRenders {
  private readonly known = new Set<string>([EVERY_STORY, NO_STORY])
  private content?: Promise<EditionContent>

  constructor(
    private readonly payload: Payload,
    private readonly edition: Edition,
  ) {}

  /** Makes sure the stories named by `key` are rendered for this edition. */
  async ensure(key: string): Promise<void> {
    if (this.known.has(key)) return
    if (!(await this.find(key))) await this.render(key)
    this.known.add(key)
  }

  private async find(key: string): Promise<boolean> {
    const { totalDocs } = await this.payload.count({
      collection: 'edition-variants',
      where: { and: [{ edition: { equals: this.edition.id } }, { stories: { equals: key } }] },
      overrideAccess: true,
    })
    return totalDocs > 0
  }

  private async render(key: string) {
    const { payload, edition } = this
    const content = await (this.content ??= loadEditionContent(payload, edition.id))
    const wanted = new Set(articlesOf(key))
    const articles = content.articles.filter((article) => wanted.has(String(article.id)))
    // Unpublished since the snapshot froze: with none of its stories left, the set is sent to nobody.
    const rendered =
      articles.length > 0
        ? await renderForEveryReader(payload, edition.id, { ...content, articles }, edition.snapshot!.placeholderKey!)
        : undefined
    try {
      await payload.create({
        collection: 'edition-variants',
        data: {
          edition: edition.id,
          stories: key,
          subject: rendered?.email.subject,
          html: rendered?.email.html,
          text: rendered?.email.text,
          renderedAt: new Date().toISOString(),
          renderMs: rendered?.renderMs,
        },
        depth: 0,
        overrideAccess: true,
        // The unique index settles a race with another fan-out; the loser must see the winner at once.
        disableTransaction: true,
      })
      logger.info({ edition: edition.id, stories: key, renderMs: rendered?.renderMs }, 'edition variant rendered')
    } catch (error) {
      if (!(await this.find(key))) throw error
    }
  }
}
