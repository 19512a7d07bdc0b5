import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { NEXT_STATUSES, SUBMISSION_STATUSES, type SubmissionStatus } from '@/src/services/editorial/submissionWorkflow'
import type { User } from '@/src/payload-types'
import { startPayload, type TestPayload } from '../helpers/payload'

/** The workflow holds on the Local API too: the same rules whatever path a change takes. */

let test: TestPayload
let editor: User

const newSubmission = () =>
  test.payload.create({
    collection: 'submissions',
    data: {
      contributor: { name: 'Guest', email: 'guest@example.org' },
      title: 'A story',
      pitch: 'Why it matters.',
      status: 'received',
    },
  })

/** Moves a fresh submission along the allowed path to `status`. */
async function submissionIn(status: SubmissionStatus) {
  const path: Record<SubmissionStatus, SubmissionStatus[]> = {
    received: [],
    in_review: ['in_review'],
    changes_requested: ['in_review', 'changes_requested'],
    accepted: ['in_review', 'accepted'],
    declined: ['declined'],
  }
  let doc = await newSubmission()
  for (const next of path[status])
    doc = await test.payload.update({ collection: 'submissions', id: doc.id, data: { status: next }, user: editor })
  return doc
}

beforeAll(async () => {
  test = await startPayload()
  editor = await test.payload.create({
    collection: 'users',
    data: { name: 'Edna', email: 'edna@mindful.test', password: 'editor-password-1', role: 'editor' },
  })
})
afterAll(() => test?.close())

describe('the editorial workflow', () => {
  it('starts every submission as received, with that first step in its history', async () => {
    const doc = await newSubmission()
    expect(doc.status).toBe('received')
    expect(doc.history?.map((h) => [h.from ?? null, h.to])).toEqual([[null, 'received']])
  })

  it('refuses to create a submission in any later state', async () => {
    await expect(
      test.payload.create({
        collection: 'submissions',
        data: { contributor: { name: 'G', email: 'g@example.org' }, title: 'T', pitch: 'P', status: 'accepted' },
      }),
    ).rejects.toThrow(/cannot become accepted/)
  })

  const illegal = SUBMISSION_STATUSES.flatMap((from) =>
    SUBMISSION_STATUSES.filter((to) => to !== from && !NEXT_STATUSES[from].includes(to)).map((to) => ({ from, to })),
  )

  it.each(illegal)('refuses $from → $to and names what is allowed', async ({ from, to }) => {
    const doc = await submissionIn(from)
    const attempt = test.payload.update({ collection: 'submissions', id: doc.id, data: { status: to }, user: editor })
    const allowed = NEXT_STATUSES[from]
    await expect(attempt).rejects.toThrow(
      allowed.length ? `It can become: ${allowed.map((s) => s.replace('_', ' ')).join(', ')}.` : 'that is final',
    )
    expect((await test.payload.findByID({ collection: 'submissions', id: doc.id })).status).toBe(from)
  })

  it('records who moved it, when, and the message to the contributor', async () => {
    const doc = await submissionIn('in_review')
    const updated = await test.payload.update({
      collection: 'submissions',
      id: doc.id,
      data: { status: 'changes_requested', transitionMessage: 'Could you shorten the opening?' },
      user: editor,
    })
    const last = updated.history!.at(-1)!
    expect(last).toMatchObject({
      from: 'in_review',
      to: 'changes_requested',
      message: 'Could you shorten the opening?',
    })
    expect(typeof last.by === 'object' ? last.by?.id : last.by).toBe(editor.id)
    expect(Date.now() - new Date(last.at).getTime()).toBeLessThan(60_000)
    expect(updated).not.toHaveProperty('transitionMessage', 'Could you shorten the opening?')
  })

  it('lets other fields change without touching the status or the history', async () => {
    const doc = await submissionIn('in_review')
    const updated = await test.payload.update({
      collection: 'submissions',
      id: doc.id,
      data: { editorNotes: 'Lovely voice.' },
      user: editor,
    })
    expect(updated.status).toBe('in_review')
    expect(updated.history).toHaveLength(doc.history!.length)
  })
})
