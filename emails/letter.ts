import { column, layout, type LayoutData } from './partials'
import { renderEmail, type RenderedEmail } from './render'

/** A one-column letter (confirmations, welcomes, contributor mail): its subject is its title. */
export type Letter = Pick<LayoutData, 'preheader' | 'footer'> & { subject: string; blocks: string[] }

/** The one shape of every short email: heading, paragraphs and a button in one column, our footer. */
export function renderLetter({ subject, preheader, blocks, footer }: Letter): Promise<RenderedEmail> {
  return renderEmail(subject, layout({ title: subject, preheader, sections: column(blocks.join('\n')), footer }))
}
