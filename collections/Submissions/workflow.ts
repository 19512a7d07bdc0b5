import { APIError } from 'payload'

/**
 * The editorial workflow as data: which status may follow which. Enforced on the server
 * for every path (admin, REST, GraphQL, Local API) by the collection's beforeChange hook.
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

/** A refused change of status; a 400 whose message names the allowed next states. */
export class TransitionError extends APIError {
  constructor(from: SubmissionStatus, to: string) {
    const allowed = NEXT_STATUSES[from]
    super(
      allowed.length === 0
        ? `This submission is ${describeStatus(from)}; that is final, so it cannot become ${describeStatus(to)}.`
        : `A submission that is ${describeStatus(from)} cannot become ${describeStatus(to)}. It can become: ${allowed.map(describeStatus).join(', ')}.`,
      400,
      { from, to, allowed },
      true,
    )
  }
}
