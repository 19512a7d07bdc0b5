import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { isAdminRequest, isStaffRequest } from '@/src/access/roles'
import { editionProgress, previewHtml } from '@/src/services/digest/editorTools'
import { EmptyEditionError } from '@/src/services/digest/content'
import { EditionStateError, startSending } from '@/src/services/digest/send'
import { canStartSending, type EditionStatus } from '@/src/services/digest/editionWorkflow'
import { requireSenderChecks, SenderChecksFailedError } from '@/src/services/deliverability/sendGate'
import { BrakeDecisionError, cancelEdition, resumeEdition } from '@/src/services/deliverability/brake'
import { webDigestJobs } from '@/src/services/digest/jobs'
import { queueMail } from '@/src/services/platform/mailOutbox'
import { env } from '@/src/env'
import { emailViewPolicy } from '@/src/services/platform/securityHeaders'
import { noStoreJson } from '@/src/services/platform/responses'

/** The edition page's tools; staff only, like the collection. */

function guarded(handler: (req: PayloadRequest, id: string) => Promise<Response>): Endpoint['handler'] {
  return async (req) => {
    if (!isStaffRequest(req)) return noStoreJson({ message: 'Please log in as an editor.' }, 403)
    const id = String(req.routeParams?.id ?? '')
    try {
      await req.payload.findByID({ collection: 'editions', id, depth: 0, overrideAccess: true })
    } catch {
      return noStoreJson({ message: 'No edition with this id.' }, 404)
    }
    try {
      return await handler(req, id)
    } catch (error) {
      if (
        error instanceof EmptyEditionError ||
        error instanceof EditionStateError ||
        error instanceof SenderChecksFailedError ||
        error instanceof BrakeDecisionError
      )
        return noStoreJson({ message: error.message }, 409)
      if (error instanceof APIError && error.isPublic) return noStoreJson({ message: error.message }, error.status)
      throw error
    }
  }
}

/** GET: the email as readers see it, for the preview frame (desktop and mobile widths). */
const preview: Endpoint = {
  path: '/:id/preview',
  method: 'get',
  handler: guarded(async (req, id) => {
    const html = await previewHtml(req.payload, id).catch((error: unknown) => {
      if (!(error instanceof EmptyEditionError)) throw error
      return `<!doctype html><meta charset="utf-8"><p style="font: 16px system-ui; margin: 2rem">${error.message}</p>`
    })
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // Shown in a sandboxed frame of the admin; nothing in it may run or load from elsewhere.
        'content-security-policy': emailViewPolicy(env().publicUrl, "'self'"),
      },
    })
  }),
}

/** POST: "Send a test to me", to the signed-in staff member only. */
const sendTest: Endpoint = {
  path: '/:id/test',
  method: 'post',
  handler: guarded(async (req, id) => {
    await queueMail(req.payload, { kind: 'edition-test', editionId: id, userId: req.user!.id })
    return noStoreJson({ message: `A test is on its way to ${req.user!.email}.` }, 202)
  }),
}

/** POST: "Send now" (the page asks for confirmation first). */
const sendNow: Endpoint = {
  path: '/:id/send',
  method: 'post',
  handler: guarded(async (req, id) => {
    const current = await req.payload.findByID({ collection: 'editions', id, depth: 0, overrideAccess: true })
    // Said at once on the page; the send job asks again (scheduled and automatic sends too).
    if (canStartSending(current.status as EditionStatus)) await requireSenderChecks(req.payload, current)
    const edition = await startSending(req.payload, id, webDigestJobs())
    return noStoreJson({ status: edition.status, message: 'Sending has started.' }, 202)
  }),
}

/** Resuming or cancelling a paused edition is an admin's decision; editors see why it paused. */
function adminsOnly(handler: (req: PayloadRequest, id: string) => Promise<Response>) {
  return guarded(async (req, id) =>
    isAdminRequest(req) ? handler(req, id) : noStoreJson({ message: 'Only an admin can decide this.' }, 403),
  )
}

/** POST: an admin resumes an edition the brake paused; the complaints counted so far are forgiven. */
const resume: Endpoint = {
  path: '/:id/resume',
  method: 'post',
  handler: adminsOnly(async (req, id) => {
    const edition = await resumeEdition(req.payload, id, req.user!, webDigestJobs())
    return noStoreJson({ status: edition.status, message: 'Sending goes on.' }, 202)
  }),
}

/** POST: an admin cancels a paused (or sending) edition: nobody else gets it. */
const cancel: Endpoint = {
  path: '/:id/cancel',
  method: 'post',
  handler: adminsOnly(async (req, id) => {
    const edition = await cancelEdition(req.payload, id, req.user!)
    return noStoreJson(
      { status: edition.status, message: `Cancelled after ${edition.stats?.sent ?? 0} messages.` },
      200,
    )
  }),
}

/** GET: counts while sending, for the progress bar. */
const progress: Endpoint = {
  path: '/:id/progress',
  method: 'get',
  handler: guarded(async (req, id) => noStoreJson(await editionProgress(req.payload, id))),
}

export const editionEndpoints = [preview, sendTest, sendNow, resume, cancel, progress]
