/**
 * Pieces every email shares. Text that comes from people (names, settings) is escaped
 * here, once, because MJML passes HTML through untouched.
 */

export function escapeHtml(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const INK = '#2b2a33'
const MUTED = '#6b6876'
const ACCENT = '#7a5c8e'
const PAPER = '#fbf9f6'

export type FooterData = {
  /** Why this reader gets this email, in one sentence. */
  reason: string
  postalAddress: string
  unsubscribeUrl?: string
}

export function layout({ title, preheader, body, footer }: { title: string; preheader: string; body: string; footer: FooterData }): string {
  return `<mjml lang="en">
  <mj-head>
    <mj-title>${escapeHtml(title)}</mj-title>
    <mj-preview>${escapeHtml(preheader)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Georgia, 'Iowan Old Style', serif" />
      <mj-text color="${INK}" font-size="17px" line-height="1.6" />
      <mj-button background-color="${ACCENT}" color="#ffffff" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="16px" border-radius="6px" inner-padding="14px 28px" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="${PAPER}" width="600px">
    <mj-section padding="28px 0 8px">
      <mj-column>
        <mj-text align="center" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="13px" letter-spacing="3px" color="${MUTED}">MINDFUL MOMENTS</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" border-radius="8px" padding="12px 8px">
      <mj-column>
${body}
      </mj-column>
    </mj-section>
${footerSection(footer)}
  </mj-body>
</mjml>`
}

function footerSection({ reason, postalAddress, unsubscribeUrl }: FooterData): string {
  const unsubscribe = unsubscribeUrl
    ? `<br /><a href="${escapeHtml(unsubscribeUrl)}" style="color: ${MUTED};">Unsubscribe</a> in one click, any time.`
    : ''
  return `    <mj-section padding="16px 12px 32px">
      <mj-column>
        <mj-text align="center" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12px" line-height="1.6" color="${MUTED}">${escapeHtml(reason)} We'll never sell or share your information.${unsubscribe}<br />${escapeHtml(postalAddress)}</mj-text>
      </mj-column>
    </mj-section>`
}

export const paragraph = (html: string) => `        <mj-text>${html}</mj-text>`

export const heading = (text: string) => `        <mj-text font-size="24px" line-height="1.3">${escapeHtml(text)}</mj-text>`

export const button = (label: string, url: string) =>
  `        <mj-button href="${escapeHtml(url)}">${escapeHtml(label)}</mj-button>`
