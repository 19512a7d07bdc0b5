import { randomInt } from 'node:crypto'
import type { Payload } from 'payload'

import type { ContributorMailJob } from '@/src/services/platform/queues'
import type { Submission } from '@/src/payload-types'
import type { GuestSubmission } from './submissionInput'

/** Guest contributions as the public sees them: filing one, and following it. */

// No 0/O, 1/I/L: a reference is read aloud and typed by hand.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

export function newReference(): string {
  return `MM-${Array.from({ length: 4 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('')}`
}

export type EnqueueContributorMail = (job: ContributorMailJob) => Promise<unknown>

/** Files a guest submission as `received` and queues the receipt with the status link. */
export async function fileSubmission(
  payload: Payload,
  input: GuestSubmission,
  enqueue: EnqueueContributorMail,
): Promise<Submission> {
  for (let attempt = 0; ; attempt++) {
    const reference = newReference()
    const { totalDocs } = await payload.count({
      collection: 'submissions',
      where: { reference: { equals: reference } },
      overrideAccess: true,
    })
    if (totalDocs > 0 && attempt < 10) continue
    const submission = await payload.create({
      collection: 'submissions',
      overrideAccess: true,
      data: {
        reference,
        status: 'received',
        contributor: {
          name: input.name,
          email: input.email,
          roleLine: input.roleLine,
          bio: input.bio,
          links: input.links.map((url) => ({ url })),
        },
        title: input.title,
        pitch: input.pitch,
        body: input.body,
        termsAcceptedAt: new Date().toISOString(),
      },
    })
    await enqueue({ kind: 'submission-receipt', submissionId: String(submission.id) })
    return submission
  }
}

export type Revision = { title?: string; pitch?: string; body: string; note?: string }

/**
 * A contributor's answer to "changes requested": kept as a numbered revision (the first
 * one also keeps the original, so editors can compare), and the submission goes back to
 * review. The workflow hook checks and records that move like any other.
 */
export async function sendRevision(payload: Payload, submission: Submission, revision: Revision): Promise<Submission> {
  const earlier = submission.revisions ?? []
  const original =
    earlier.length === 0
      ? [
          {
            number: 1,
            title: submission.title,
            pitch: submission.pitch,
            body: submission.body,
            note: 'Original submission',
            submittedAt: submission.createdAt,
          },
        ]
      : []
  const number = earlier.length + original.length + 1
  return payload.update({
    collection: 'submissions',
    id: submission.id,
    overrideAccess: true,
    data: {
      status: 'in_review',
      title: revision.title || submission.title,
      pitch: revision.pitch || submission.pitch,
      body: revision.body,
      revisions: [
        ...earlier,
        ...original,
        {
          number,
          title: revision.title || submission.title,
          pitch: revision.pitch || submission.pitch,
          body: revision.body,
          note: revision.note,
          submittedAt: new Date().toISOString(),
        },
      ],
    },
  })
}
