import type { Payload } from 'payload'

import { PIPELINE_CONTEXT } from '@/src/services/digest/editionWorkflow'
import { logger } from '../platform/logger'
import type { RecordId } from '@/src/services/platform/records'
import { editionTotals } from './batches'

export type EditionStats = {
  recipients: number
  sent: number
  failed: number
  skipped: number
  durationSeconds: number
}

/** Marks the edition sent, with its counts, once every batch is done; before that it does nothing. */
export async function finalizeEdition(payload: Payload, editionId: RecordId): Promise<EditionStats | undefined> {
  const edition = await payload.findByID({ collection: 'editions', id: editionId, depth: 0, overrideAccess: true })
  if (edition.status !== 'sending' || typeof edition.stats?.recipients !== 'number') return undefined
  const { sent, failed, skipped, batches, batchesDone } = await editionTotals(payload, editionId)
  if (batchesDone < batches) return undefined

  const finishedAt = new Date()
  const startedAt = edition.stats.startedAt ? Date.parse(edition.stats.startedAt) : finishedAt.getTime()
  const stats: EditionStats = {
    recipients: edition.stats.recipients,
    sent,
    failed,
    skipped,
    durationSeconds: Math.round((finishedAt.getTime() - startedAt) / 10) / 100,
  }
  await payload.update({
    collection: 'editions',
    id: editionId,
    data: { status: 'sent', stats: { ...edition.stats, ...stats, finishedAt: finishedAt.toISOString() } },
    overrideAccess: true,
    context: { [PIPELINE_CONTEXT]: true },
    depth: 0,
  })
  logger.info({ edition: editionId, ...stats }, 'edition sent')
  return stats
}
