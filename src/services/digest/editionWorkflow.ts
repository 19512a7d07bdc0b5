export const EDITION_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'failed'] as const

export type EditionStatus = (typeof EDITION_STATUSES)[number]

/**
 * Where an edition may go from each status. `sending` is entered only by the send job,
 * `sent` only by finalizing; editors move between draft and scheduled and start a send.
 */
export const NEXT_EDITION_STATUSES: Record<EditionStatus, readonly EditionStatus[]> = {
  draft: ['scheduled', 'sending'],
  scheduled: ['draft', 'sending'],
  sending: ['sent', 'failed'],
  sent: [],
  failed: ['draft', 'scheduled', 'sending'],
}

/** Once readers may have the email, what it says is history. */
export const isFrozen = (status: EditionStatus | null | undefined) => status === 'sending' || status === 'sent'

export const canStartSending = (status: EditionStatus) => NEXT_EDITION_STATUSES[status].includes('sending')

/** Changes of status made by the newsletter services (send, finalize) carry this flag. */
export const PIPELINE_CONTEXT = 'editionPipeline'
