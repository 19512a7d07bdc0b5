import type { CollectionBeforeChangeHook } from 'payload'

import { createDraftFromSubmission } from '@/src/services/editorial/acceptance'
import type { Submission } from '@/src/payload-types'
import { TransitionError } from './transitionError'
import { isTransitionAllowed, QUEUE_ORDER, type SubmissionStatus } from '@/src/services/editorial/submissionWorkflow'

type HistoryEntry = {
  from?: string | null
  to: string
  at: string
  by?: string | number | null
  message?: string | null
}

/**
 * Checks every change of status against the workflow and records it (who, when, from,
 * to, and the message to the contributor, given in the virtual `transitionMessage`).
 */
export const enforceWorkflow: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  const by = req.user?.collection === 'users' ? req.user.id : null
  const at = new Date().toISOString()
  const message =
    typeof data.transitionMessage === 'string' && data.transitionMessage.trim() ? data.transitionMessage.trim() : null
  if (operation === 'create') {
    if (data.status && data.status !== 'received') throw new TransitionError('received', data.status)
    return {
      ...data,
      status: 'received',
      queueOrder: QUEUE_ORDER.received,
      history: [{ from: null, to: 'received', at, by, message: null }],
    }
  }
  const from = originalDoc?.status as SubmissionStatus
  const to = (data.status ?? from) as SubmissionStatus
  if (to === from) return data
  if (!isTransitionAllowed(from, to)) throw new TransitionError(from, to)
  const history: HistoryEntry[] = [...(originalDoc?.history ?? []), { from, to, at, by, message }]
  return { ...data, history, queueOrder: QUEUE_ORDER[to] }
}

/** Accepting makes the guest author and the draft article, in the same write. */
export const draftArticleOnAcceptance: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || data.status !== 'accepted' || originalDoc?.status === 'accepted') return data
  const { author, article } = await createDraftFromSubmission({ ...originalDoc, ...data } as Submission, req)
  return { ...data, author, article }
}
