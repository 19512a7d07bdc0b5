import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import type { ContributorMailJob } from '@/src/services/platform/queues'
import { logger } from '../platform/logger'
import { queueMail } from '../platform/mailOutbox'

const MAIL_FOR_STATUS: Partial<Record<string, ContributorMailJob['kind']>> = {
  changes_requested: 'submission-changes-requested',
  accepted: 'submission-accepted',
  declined: 'submission-declined',
}

/**
 * Records the contributor's email in the same write as the decision (the outbox queues it,
 * and queues it again if Redis lost it). A failure to record it must not undo the decision,
 * so it is logged, not thrown.
 */
async function queueContributorMail(req: PayloadRequest, job: ContributorMailJob): Promise<void> {
  try {
    await queueMail(req.payload, job, req)
  } catch (error) {
    logger.error({ err: error, kind: job.kind, submission: job.submissionId }, 'could not queue the contributor email')
  }
}

/** Submissions: each change of status that the contributor should hear about. */
export const notifyContributorOfStatus: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || doc.status === previousDoc?.status) return doc
  const kind = MAIL_FOR_STATUS[doc.status]
  const entry = doc.history?.at(-1)
  if (kind)
    await queueContributorMail(req, { kind, submissionId: String(doc.id), historyEntryId: entry?.id ?? undefined })
  return doc
}

/** Articles: the first publication of an article that came from a guest submission. */
export const notifyContributorOfPublication: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const firstPublication = doc._status === 'published' && !previousDoc?.publishedAt
  const submission = typeof doc.submission === 'object' ? doc.submission?.id : doc.submission
  if (firstPublication && submission)
    await queueContributorMail(req, { kind: 'submission-published', submissionId: String(submission) })
  return doc
}
