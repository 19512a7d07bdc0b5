import { renderLetter } from './letter'
import { button, escapeHtml, heading, paragraph } from './partials'
import type { RenderedEmail } from './render'

/** Mail to the magazine's own staff about the newsletter's health. */

export type BrakeNotice = {
  editionTitle: string
  /** The brake's own sentence, with the figures. */
  reason: string
  editionUrl: string
  postalAddress: string
  whatWeCountUrl: string
}

export function renderBrakeNotice(data: BrakeNotice): Promise<RenderedEmail> {
  const subject = `Sending paused: ${data.editionTitle}`
  return renderLetter({
    subject,
    preheader: 'Complaints or bounces passed their threshold. Nothing more goes out until an admin decides.',
    blocks: [
      heading('Sending is paused'),
      paragraph(`<strong>${escapeHtml(data.editionTitle)}</strong> stopped going out by itself.`),
      paragraph(escapeHtml(data.reason)),
      paragraph(
        'Nothing is lost: the readers who have not had it yet are kept in order. Look at the reports on the edition’s page (a recent list import? readers who never asked for it?), then resume the edition or cancel it there.',
      ),
      button('Open the edition', data.editionUrl),
    ],
    footer: {
      reason: 'You get this email because you are an admin of this Mindful Press site.',
      postalAddress: data.postalAddress,
      whatWeCountUrl: data.whatWeCountUrl,
    },
  })
}
