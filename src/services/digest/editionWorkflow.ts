export const EDITION_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const

export type EditionStatus = (typeof EDITION_STATUSES)[number]

/**
 * Where an edition may go from each status. `sending` is entered only by the send job (or an
 * admin resuming), `sent` only by finalizing, `paused` only by the brake (complaints or
 * bounces past their threshold); an admin resumes a paused edition or cancels it; editors
 * move between draft and scheduled and start a send.
 */
export const NEXT_EDITION_STATUSES: Record<EditionStatus, readonly EditionStatus[]> = {
  draft: ['scheduled', 'sending'],
  scheduled: ['draft', 'sending'],
  sending: ['sent', 'failed', 'paused', 'cancelled'],
  paused: ['sending', 'cancelled'],
  sent: [],
  cancelled: [],
  failed: ['draft', 'scheduled', 'sending'],
}

/** Once readers may have the email, what it says is history. */
export const isFrozen = (status: EditionStatus | null | undefined) =>
  status === 'sending' || status === 'paused' || status === 'sent' || status === 'cancelled'

/** "Send now" and schedules start an edition; a paused one goes on only when an admin resumes it. */
export const canStartSending = (status: EditionStatus) =>
  status !== 'paused' && NEXT_EDITION_STATUSES[status].includes('sending')

/** Changes of status made by the newsletter services (send, finalize) carry this flag. */
export const PIPELINE_CONTEXT = 'editionPipeline'
