/**
 * The editorial workflow as data: which status may follow which. Enforced on the server
 * for every path (admin, REST, GraphQL, Local API) by the collection's beforeChange hook;
 * the admin's buttons read the same table. No imports, so the browser can load it too.
 *
 *   received ──▶ in_review ──▶ accepted
 *      │            │  ▲   └──▶ declined
 *      │            ▼  │
 *      │     changes_requested
 *      └──▶ declined
 */

export const SUBMISSION_STATUSES = ['received', 'in_review', 'changes_requested', 'accepted', 'declined'] as const
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number]

export const NEXT_STATUSES: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  received: ['in_review', 'declined'],
  in_review: ['changes_requested', 'accepted', 'declined'],
  changes_requested: ['in_review'],
  accepted: [],
  declined: [],
}

export const describeStatus = (status: string) => status.replace(/_/g, ' ')

export function isTransitionAllowed(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return NEXT_STATUSES[from].includes(to)
}

/** The review queue's order: what needs an editor first. */
export const QUEUE_ORDER: Record<SubmissionStatus, number> = {
  received: 0,
  in_review: 1,
  changes_requested: 2,
  accepted: 3,
  declined: 4,
}
