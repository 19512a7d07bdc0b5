import { button, escapeHtml, heading, layout, paragraph } from './partials'
import { renderEmail, type RenderedEmail } from './render'

/** Mail to a guest contributor about their submission. Their text is escaped, never trusted. */

type Common = { name: string; title: string; reference: string; statusUrl: string; postalAddress: string }

const footer = (data: Common) => ({
  reason: `You get this email because you sent us "${data.title}" (reference ${data.reference}).`,
  postalAddress: data.postalAddress,
})

export function renderSubmissionReceipt(data: Common): Promise<RenderedEmail> {
  const subject = `We received "${data.title}" (${data.reference})`
  return renderEmail(
    subject,
    layout({
      title: subject,
      preheader: 'Thank you for sharing your story. Here is how to follow it.',
      body: [
        heading('Thank you for your story'),
        paragraph(`Dear ${escapeHtml(data.name)},`),
        paragraph(
          `we received your submission <strong>${escapeHtml(data.title)}</strong>, reference <strong>${escapeHtml(data.reference)}</strong>. Our editors read every contribution; you will hear from us as it moves along, and you can look in on it at any time:`,
        ),
        button('Follow your submission', data.statusUrl),
        paragraph(`<span style="font-size: 14px;">Keep this link to yourself: anyone with it can see your submission's status. ${escapeHtml(data.statusUrl)}</span>`),
      ].join('\n'),
      footer: footer(data),
    }),
  )
}
