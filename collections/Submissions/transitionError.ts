import { APIError } from 'payload'

import { describeStatus, NEXT_STATUSES, type SubmissionStatus } from '@/src/services/editorial/submissionWorkflow'

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
    // Stable in minified builds, where the class's own name is a letter; API answers show it.
    this.name = 'TransitionError'
  }
}
