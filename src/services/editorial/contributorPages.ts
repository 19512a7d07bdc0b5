import config from '@payload-config'
import { getPayload } from 'payload'
import { z } from 'zod'

import type { Submission } from '@/src/payload-types'
import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { answerLinkRequest, MAX_LINK_BODY_BYTES, tokenOf } from '../platform/linkRequests'
import { PublicRequestError, readBody } from '../platform/publicRequests'
import { sendRevision } from './submissions'
import { linkFits, recordOfToken } from '../platform/recordLinks'

/** The contributor's private page, reached through the signed link in their emails. */

const STATUS_SENTENCES: Record<Submission['status'], string> = {
  received: 'Received: it is waiting for an editor.',
  in_review: 'In review: an editor is reading it.',
  changes_requested: 'Changes requested: please read the message below and send a revision.',
  accepted: 'Accepted: we are preparing it for publication.',
  declined: 'Declined: thank you for thinking of us.',
}

async function submissionFor(request: Request): Promise<Submission> {
  let link: { id: string; key: string | null }
  try {
    link = recordOfToken('contributor-status', tokenOf(request))
  } catch {
    throw new PublicRequestError(400, 'This link is not valid. Please copy the whole link from your email.')
  }
  const payload = await getPayload({ config })
  const submission = await payload
    .findByID({ collection: 'submissions', id: link.id, depth: 0, overrideAccess: true })
    .catch(() => null)
  if (!submission || !linkFits(submission, link.key))
    throw new PublicRequestError(404, 'This submission no longer exists.')
  return submission
}

function statusPage(submission: Submission, token: string, notice?: string): Response {
  // Only what editors wrote *to* the contributor; internal notes never appear here.
  const messages = (submission.history ?? []).filter((entry) => entry.message)
  const messageList = messages.length
    ? `<h2>Messages from our editors</h2>\n<ul class="messages">${messages
        .map(
          (entry) =>
            `<li><p>${escapeHtml(entry.message).replace(/\n/g, '<br>')}</p><p class="meta">${escapeHtml(new Date(entry.at).toUTCString())}</p></li>`,
        )
        .join('')}</ul>`
    : ''
  const revisionForm =
    submission.status === 'changes_requested'
      ? `<h2>Send a revision</h2>
<form class="signup-form" method="post" action="/contribute/status?token=${escapeHtml(encodeURIComponent(token))}">
  <label for="revision-title">Title</label>
  <input id="revision-title" name="title" maxlength="200" value="${escapeHtml(submission.title)}">
  <label for="revision-body">Your article (Markdown)</label>
  <textarea id="revision-body" name="body" rows="16" required maxlength="100000">${escapeHtml(submission.body)}</textarea>
  <label for="revision-note">A note to the editor (optional)</label>
  <textarea id="revision-note" name="note" rows="3" maxlength="2000"></textarea>
  <button type="submit">Send the revision</button>
</form>`
      : ''
  return htmlPage(
    200,
    submission.title,
    `${notice ? `<p class="notice-banner" role="status">${escapeHtml(notice)}</p>` : ''}
<p class="meta">Reference ${escapeHtml(submission.reference)}</p>
<h1>${escapeHtml(submission.title)}</h1>
<p><strong>${escapeHtml(STATUS_SENTENCES[submission.status])}</strong></p>
${messageList}
${revisionForm}`,
  )
}

const answer = (request: Request, work: () => Promise<Response>) =>
  answerLinkRequest(request, work, { problemTitle: 'We could not show this page' })

export function contributorStatus(request: Request): Promise<Response> {
  return answer(request, async () => statusPage(await submissionFor(request), tokenOf(request)))
}

const revisionSchema = z.object({
  title: z.string().trim().max(200, 'The title can be at most 200 characters.').optional(),
  body: z
    .string()
    .min(1, 'Please include your revised article.')
    .max(100_000, 'The article can be at most 100,000 characters.'),
  note: z.string().max(2000, 'The note can be at most 2,000 characters.').optional(),
})

export function contributorRevision(request: Request): Promise<Response> {
  return answer(request, async () => {
    const submission = await submissionFor(request)
    if (submission.status !== 'changes_requested') {
      return statusPage(
        submission,
        tokenOf(request),
        'No changes were requested, so there is nothing to revise right now.',
      )
    }
    const { data } = await readBody(request, MAX_LINK_BODY_BYTES)
    const parsed = revisionSchema.safeParse(data)
    if (!parsed.success) throw new PublicRequestError(400, parsed.error.issues[0].message)
    const payload = await getPayload({ config })
    const updated = await sendRevision(payload, submission, parsed.data)
    return statusPage(updated, tokenOf(request), 'Thank you: your revision is with our editors.')
  })
}
