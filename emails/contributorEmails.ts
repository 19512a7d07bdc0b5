import { button, escapeHtml, heading, paragraph } from './partials'
import { renderLetter } from './letter'
import type { RenderedEmail } from './render'

/** Mail to a guest contributor about their submission. Their text is escaped, never trusted. */

type Common = {
  name: string
  title: string
  reference: string
  statusUrl: string
  postalAddress: string
  whatWeCountUrl: string
}

const footer = (data: Common) => ({
  reason: `You get this email because you sent us "${data.title}" (reference ${data.reference}).`,
  postalAddress: data.postalAddress,
  whatWeCountUrl: data.whatWeCountUrl,
})

export function renderSubmissionReceipt(data: Common): Promise<RenderedEmail> {
  const subject = `We received "${data.title}" (${data.reference})`
  return renderLetter({
    subject,
    preheader: 'Thank you for sharing your story. Here is how to follow it.',
    blocks: [
      heading('Thank you for your story'),
      paragraph(`Dear ${escapeHtml(data.name)},`),
      paragraph(
        `we received your submission <strong>${escapeHtml(data.title)}</strong>, reference <strong>${escapeHtml(data.reference)}</strong>. Our editors read every contribution; you will hear from us as it moves along, and you can look in on it at any time:`,
      ),
      button('Follow your submission', data.statusUrl),
      paragraph(
        `<span style="font-size: 14px;">Keep this link to yourself: anyone with it can see your submission's status. ${escapeHtml(data.statusUrl)}</span>`,
      ),
    ],
    footer: footer(data),
  })
}

const messageBlock = (message?: string | null) =>
  message ? paragraph(`<em>“${escapeHtml(message).replace(/\n/g, '<br />')}”</em>`) : ''

export function renderChangesRequested(data: Common & { message?: string | null }): Promise<RenderedEmail> {
  const subject = `A few changes to "${data.title}" (${data.reference})`
  return renderLetter({
    subject,
    preheader: 'Our editor has a suggestion for your story.',
    blocks: [
      heading('A few changes, please'),
      paragraph(`Dear ${escapeHtml(data.name)},`),
      paragraph(
        `our editor read <strong>${escapeHtml(data.title)}</strong> and would like a few changes before going further:`,
      ),
      messageBlock(data.message),
      paragraph('You can send a revision from your submission page:'),
      button('Send a revision', data.statusUrl),
    ],
    footer: footer(data),
  })
}

export function renderAccepted(data: Common & { message?: string | null }): Promise<RenderedEmail> {
  const subject = `"${data.title}" is accepted (${data.reference})`
  return renderLetter({
    subject,
    preheader: 'Your story will be published on Mindful Press.',
    blocks: [
      heading('Your story is accepted'),
      paragraph(`Dear ${escapeHtml(data.name)},`),
      paragraph(
        `we are delighted to publish <strong>${escapeHtml(data.title)}</strong>. Our editors are preparing it; we will write again when it is live.`,
      ),
      messageBlock(data.message),
      button('Follow your submission', data.statusUrl),
    ],
    footer: footer(data),
  })
}

export function renderDeclined(data: Common & { message?: string | null }): Promise<RenderedEmail> {
  const subject = `About "${data.title}" (${data.reference})`
  return renderLetter({
    subject,
    preheader: 'Thank you for thinking of us.',
    blocks: [
      heading('Thank you for sharing your story'),
      paragraph(`Dear ${escapeHtml(data.name)},`),
      paragraph(
        `thank you for trusting us with <strong>${escapeHtml(data.title)}</strong>. After careful reading, we will not publish it on Mindful Press. This says nothing about the worth of your story, only about what fits our pages right now, and we would be glad to read what you write next.`,
      ),
      messageBlock(data.message),
    ],
    footer: footer(data),
  })
}

export function renderPublished(data: Common & { articleUrl: string }): Promise<RenderedEmail> {
  const subject = `"${data.title}" is live on Mindful Press`
  return renderLetter({
    subject,
    preheader: 'Your story is published. Thank you for writing with us.',
    blocks: [
      heading('Your story is live'),
      paragraph(`Dear ${escapeHtml(data.name)},`),
      paragraph(`<strong>${escapeHtml(data.title)}</strong> is published. Thank you for writing with us.`),
      button('Read it on Mindful Press', data.articleUrl),
    ],
    footer: footer(data),
  })
}
