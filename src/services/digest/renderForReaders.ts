import type { Payload } from 'payload'

import type { RenderedEmail } from '@/emails/render'
import { env } from '@/src/env'
import { editionLinkUrl, feedbackUrl } from '../insights/editionLinks'
import { TrackingRefusedError, trackingProblems } from '../insights/trackingGuard'
import type { RecordId } from '@/src/services/platform/records'
import { everyReader, renderEdition, type EditionContent, type StoryLinks } from './content'
import { readerPlaceholders } from './message'

/**
 * An edition (or the part of it some readers' topics pick) rendered once for every reader:
 * their values as the snapshot's placeholders, story links that count clicks and feedback
 * per story (the same links in every reader's message, never per reader), and the last look
 * for anything that would track a reader.
 */
export async function renderForEveryReader(
  payload: Payload,
  editionId: RecordId,
  content: EditionContent,
  placeholderKey: string,
): Promise<{ email: RenderedEmail; renderMs: number }> {
  const started = performance.now()
  const countedLinks: StoryLinks = {
    read: (article) => editionLinkUrl(editionId, article.id),
    feedback: (article) => ({
      more: feedbackUrl(editionId, article.id, 'more'),
      less: feedbackUrl(editionId, article.id, 'less'),
    }),
  }
  const placeholders = readerPlaceholders(placeholderKey)
  const email = await renderEdition(payload, content, everyReader(placeholders), countedLinks)
  const problems = trackingProblems(email.html, env().publicUrl, [
    placeholders.token,
    placeholders.name,
    placeholders.address,
  ])
  if (problems.length > 0) throw new TrackingRefusedError(problems)
  return { email, renderMs: Math.round((performance.now() - started) * 100) / 100 }
}
