import { convert } from 'html-to-text'
import mjml2html from 'mjml'

export type RenderedEmail = { subject: string; html: string; text: string }

export class TemplateError extends Error {
  override name = 'TemplateError'
}

/** Compiles MJML at strict validation: a template with an MJML error is a bug, not a warning. */
export async function compileMjml(mjml: string): Promise<string> {
  // fonts: {} — MJML would otherwise link Google Fonts for any family it knows (Roboto…): a third-party request per open.
  const { html, errors } = await mjml2html(mjml, { validationLevel: 'strict', keepComments: false, fonts: {} })
  if (errors.length > 0) throw new TemplateError(errors.map((e) => e.formattedMessage).join('\n'))
  return html
}

/** The plain-text part, from the same HTML, with links written out after their text. */
export function textFromHtml(html: string): string {
  return convert(html, {
    wordwrap: 76,
    selectors: [
      { selector: 'img', format: 'skip' },
      // Titles keep their case: a heading may hold a reader's name or an article title.
      ...['h1', 'h2', 'h3'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      // MJML's preview text: a hidden div that mail apps show beside the subject.
      { selector: 'div[style*="display:none"]', format: 'skip' },
    ],
  }).trim()
}

export async function renderEmail(subject: string, mjml: string): Promise<RenderedEmail> {
  const html = await compileMjml(mjml)
  return { subject, html, text: textFromHtml(html) }
}
