import type { CollectionAfterChangeHook } from 'payload'

import type { ContributorMailJob } from '../../../workers/queues'
import { transactionalQueue } from '../../../workers/queues'
import { logger } from '../platform/logger'

const MAIL_FOR_STATUS: Partial<Record<string, ContributorMailJob['kind']>> = {
  changes_requested: 'submission-changes-requested',
  accepted: 'submission-accepted',
  declined: 'submission-declined',
}

/**
 * Queues the contributor's email. A queue that is down must not undo an editor's decision,
 * so a failure is logged, not thrown.
 */
async function queueContributorMail(job: ContributorMailJob): Promise<void> {
  try {
    await transactionalQueue().add(job.kind, job)
  } catch (error) {
    logger.error({ err: error, kind: job.kind, submission: job.submissionId }, 'could not queue the contributor email')
  }
}

/** Submissions: each change of status that the contributor should hear about. */
export const notifyContributorOfStatus: CollectionAfterChangeHook = async ({ doc, previousDoc, operation }) => {
  if (operation !== 'update' || doc.status === previousDoc?.status) return doc
  const kind = MAIL_FOR_STATUS[doc.status]
  const entry = doc.history?.at(-1)
  if (kind) await queueContributorMail({ kind, submissionId: String(doc.id), historyEntryId: entry?.id ?? undefined })
  return doc
}

/** Articles: the first publication of an article that came from a guest submission. */
export const notifyContributorOfPublication: CollectionAfterChangeHook = async ({ doc, previousDoc }) => {
  const firstPublication = doc._status === 'published' && !previousDoc?.publishedAt
  const submission = typeof doc.submission === 'object' ? doc.submission?.id : doc.submission
  if (firstPublication && submission) await queueContributorMail({ kind: 'submission-published', submissionId: String(submission) })
  return doc
}
