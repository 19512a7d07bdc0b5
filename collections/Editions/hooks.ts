import {
  APIError,
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  type DefaultValue,
  type PayloadRequest,
} from 'payload'

import { PLACEHOLDER_LIKE } from '@/src/services/digest/message'
import { NEXT_EDITION_STATUSES, type EditionStatus } from '@/src/services/digest/editionWorkflow'
import { nextEditionNumber } from '@/src/services/digest/editionNumbers'
import { PIPELINE_CONTEXT } from '@/src/services/digest/editionWorkflow'
import { mindfulMoments } from '@/src/services/newsletter/newsletters'

/** A scheduled time this close behind the clock still counts as now (a slow form, clocks that differ). */
const PAST_TOLERANCE_MS = 60_000

/**
 * The number field's default: the admin shows it in a new edition's form, and a create
 * without a number gets it. Payload awaits a default-value function
 * (fields/getDefaultValue.js), though its type only admits a plain value.
 */
export const nextEditionNumberDefault = (({ req }: { req: PayloadRequest }) =>
  nextEditionNumber(req.payload, req)) as unknown as DefaultValue

/** The newsletter field's default, the same way: "Mindful Moments", the digest. */
export const mindfulMomentsByDefault = (async ({ req }: { req: PayloadRequest }) =>
  (await mindfulMoments(req.payload, req)).id) as unknown as DefaultValue

/**
 * Editors move an edition between draft and scheduled (a time is then required); sending
 * and finishing belong to the pipeline.
 */
const EDITOR_WRITTEN = {
  subject: 'subject',
  preheader: 'preview line',
  intro: "editor's note",
  letter: 'letter',
} as const

export const guardEditionChanges: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  // Placeholders are random per snapshot, so none can be guessed; anything shaped like one is still refused.
  for (const [field, label] of Object.entries(EDITOR_WRITTEN)) {
    // The letter is rich text: its words are looked at as its stored JSON.
    const value = field === 'letter' && data.letter ? JSON.stringify(data.letter) : data[field]
    if (typeof value === 'string' && PLACEHOLDER_LIKE.test(value)) {
      throw new APIError(
        `The ${label} contains "mmreader", which the newsletter keeps for each reader's own details. Please reword it.`,
        400,
        undefined,
        true,
      )
    }
  }
  // Server code without a signed-in person (the worker, scripts, fixtures) is trusted like the pipeline.
  const byPipeline = req.context?.[PIPELINE_CONTEXT] === true || !req.user
  if (operation === 'create') {
    if (!byPipeline && data.status && !['draft', 'scheduled'].includes(data.status)) {
      throw new APIError('A new edition starts as a draft (or scheduled); send it from its page.', 400, undefined, true)
    }
  } else {
    const from = originalDoc?.status as EditionStatus
    const to = (data.status ?? from) as EditionStatus
    if (to !== from) {
      const allowed = NEXT_EDITION_STATUSES[from] ?? []
      const editorMove = (to === 'draft' || to === 'scheduled') && allowed.includes(to)
      if (!byPipeline && !editorMove) {
        throw new APIError(
          `An edition that is ${from} cannot be set to ${to} by hand. Use "Send now" or "Schedule" on its page.`,
          400,
          undefined,
          true,
        )
      }
      if (byPipeline && !allowed.includes(to)) {
        throw new APIError(`An edition that is ${from} cannot become ${to}.`, 409, undefined, true)
      }
    }
  }
  const scheduling = data.status === 'scheduled' && (originalDoc?.status !== 'scheduled' || 'scheduledFor' in data)
  if (scheduling) {
    const at = data.scheduledFor ?? originalDoc?.scheduledFor
    if (!at) throw new APIError('A scheduled edition needs a time to go out.', 400, undefined, true)
    // A time already past would send at once, without the confirmation "Send now" asks for.
    if (!byPipeline && Date.parse(at) < Date.now() - PAST_TOLERANCE_MS) {
      throw new APIError('Choose a time in the future, or use "Send now".', 400, undefined, true)
    }
  }
  return data
}

/**
 * Who overrode the sender checks for an edition, and when: set here from the signed-in admin
 * (the fields themselves cannot be written through the API), cleared when the box is cleared.
 */
export const recordSenderChecksOverride: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  const before = Boolean(originalDoc?.overrideSenderChecks)
  const after = data.overrideSenderChecks === undefined ? before : Boolean(data.overrideSenderChecks)
  if (after && !before) {
    data.senderChecksOverriddenBy = req.user?.email ?? 'a script'
    data.senderChecksOverriddenAt = new Date().toISOString()
  }
  if (!after && before) {
    data.senderChecksOverriddenBy = null
    data.senderChecksOverriddenAt = null
  }
  return data
}

/** An edition's variants (the renders its readers' topics picked) go with it. */
export const deleteVariants: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'edition-variants',
    where: { edition: { equals: id } },
    overrideAccess: true,
    req,
  })
}
