/**
 * Pieces every email shares: the masthead, the card, the footer, the palette and the dark
 * scheme. Text that comes from people (names, settings) is escaped here, once, because MJML
 * passes HTML through untouched.
 */

export function escapeHtml(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** The reader site's palette (`src/app/(site)/site.css` holds the same values; a test keeps them equal). */
export const PALETTE = {
  ink: '#2b2a33',
  muted: '#6b6876',
  accent: '#7a5c8e',
  paper: '#fbf9f6',
  rule: '#e8e2da',
  tint: '#f4eff8',
} as const

/** The same palette at night: light text on a warm dark paper, the accent lifted to stay readable. */
const DARK = {
  ink: '#ece8f1',
  muted: '#b9b3c3',
  accent: '#cdb2e0',
  paper: '#19181d',
  card: '#24222a',
  rule: '#3a3642',
  tint: '#2e2a36',
} as const

export const SERIF = "Georgia, 'Iowan Old Style', 'Times New Roman', serif"
export const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

/**
 * Mail apps that follow the reader's dark setting (Apple Mail, iOS, Outlook.com) read these
 * rules; inline colours win everywhere else, hence `!important`. Class names are short: they
 * repeat on every block and count toward Gmail's 102 KB.
 */
const DARK_SCHEME = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
/* Phones: a story's picture stacks above its text, and both take the card's own margins. */
@media only screen and (max-width: 479px) {
  .mm-beside > table > tbody > tr > td { padding-left: 32px !important; }
  .mm-thumb > table > tbody > tr > td { padding: 0 32px 16px !important; }
  .mm-paper img { height: auto !important; }
}
@media (prefers-color-scheme: dark) {
  body.mm-paper, .mm-paper > div { background: ${DARK.paper} !important; }
  .mm-card, .mm-card > table, .mm-card td { background: ${DARK.card} !important; }
  .mm-tint > table, .mm-tint td { background: ${DARK.tint} !important; }
  .mm-paper div, .mm-paper h1, .mm-paper h2, .mm-paper h3, .mm-paper p { color: ${DARK.ink} !important; }
  .mm-paper .mm-muted div, .mm-paper .mm-muted p { color: ${DARK.muted} !important; }
  .mm-paper a { color: ${DARK.accent} !important; }
  .mm-paper .mm-button a, .mm-paper .mm-button p { color: #ffffff !important; }
  .mm-paper p[style*="border-top"] { border-color: ${DARK.rule} !important; }
  .mm-paper img { border-color: ${DARK.rule} !important; }
}`

/** Marks what belongs to one reader (their links): the edition's web version hides it. */
export const READER_ONLY = 'mm-reader-only'

export type FooterData = {
  /** Why this reader gets this email, in one sentence. */
  reason: string
  postalAddress: string
  /** The public page listing every number we keep (/privacy/what-we-count). */
  whatWeCountUrl: string
  unsubscribeUrl?: string
  manageUrl?: string
  /** A break of a few weeks instead of leaving (the digest's footer). */
  pauseUrl?: string
}

export type LayoutData = {
  title: string
  preheader: string
  /** mj-section / mj-wrapper blocks that go inside the white card. */
  sections: string
  footer: FooterData
  /** A line above the masthead (the digest's "View in browser"). */
  topLine?: string
}

/** Fills the preview after the preheader with blanks, so mail apps do not append the body's first words. */
const PREVIEW_FILL = '&#847;&zwnj;&nbsp;'.repeat(40)

export function layout({ title, preheader, sections, footer, topLine }: LayoutData): string {
  return `<mjml lang="en" dir="ltr">
  <mj-head>
    <mj-title>${escapeHtml(title)}</mj-title>
    <mj-preview>${escapeHtml(preheader)}${PREVIEW_FILL}</mj-preview>
    <mj-raw><meta name="color-scheme" content="light dark" /><meta name="supported-color-schemes" content="light dark" /></mj-raw>
    <mj-attributes>
      <mj-all font-family="${SERIF}" />
      <mj-section padding="0" />
      <mj-text color="${PALETTE.ink}" font-size="17px" line-height="1.6" padding="0 32px 16px" />
      <mj-button background-color="${PALETTE.accent}" color="#ffffff" font-family="${SANS}" font-size="15px" font-weight="600" border-radius="6px" inner-padding="12px 24px" padding="4px 32px 20px" align="left" css-class="mm-button" />
      <mj-image padding="0 32px 16px" border-radius="6px" />
      <mj-class name="label" font-family="${SANS}" font-size="12px" letter-spacing="1.5px" line-height="1.4" color="${PALETTE.muted}" css-class="mm-muted" padding-bottom="6px" />
      <mj-class name="small" font-family="${SANS}" font-size="14px" line-height="1.5" color="${PALETTE.muted}" css-class="mm-muted" />
    </mj-attributes>
    <mj-style>${DARK_SCHEME}</mj-style>
  </mj-head>
  <mj-body background-color="${PALETTE.paper}" width="600px" css-class="mm-paper">
${topLine ?? ''}${masthead()}
    <mj-wrapper background-color="#ffffff" border-radius="10px" padding="28px 0 12px" css-class="mm-card">
${sections}
    </mj-wrapper>
${footerSection(footer)}
  </mj-body>
</mjml>`
}

function masthead(): string {
  return `    <mj-section padding="24px 0 20px">
      <mj-column>
        <mj-text align="center" font-size="28px" line-height="1.2" padding="0 24px 4px">Mindful Press</mj-text>
        <mj-text mj-class="label" align="center" padding="0 24px 12px">MINDFUL DATING &amp; RELATIONSHIPS</mj-text>
        <mj-divider border-width="2px" border-color="${PALETTE.accent}" width="56px" padding="0" />
      </mj-column>
    </mj-section>`
}

function footerSection({
  reason,
  postalAddress,
  whatWeCountUrl,
  unsubscribeUrl,
  manageUrl,
  pauseUrl,
}: FooterData): string {
  const link = (label: string, url: string) =>
    `<a href="${escapeHtml(url)}" style="color: ${PALETTE.muted}; text-decoration: underline;">${label}</a>`
  const links = [
    manageUrl && link('Manage your subscription', manageUrl),
    pauseUrl && link('Pause', pauseUrl),
    unsubscribeUrl && link('Unsubscribe', unsubscribeUrl),
  ]
    .filter(Boolean)
    .join(' &nbsp;·&nbsp; ')
  return `    <mj-section padding="20px 0 36px">
      <mj-column>
        <mj-text mj-class="small" align="center" font-size="13px" padding="0 32px 10px">${escapeHtml(reason)} We'll never sell or share your information, and we count only totals: ${link('what we count', whatWeCountUrl)}.</mj-text>
${links ? `        <mj-text mj-class="small" css-class="mm-muted ${READER_ONLY}" align="center" font-size="13px" padding="0 32px 10px">${links}</mj-text>\n` : ''}        <mj-text mj-class="small" align="center" font-size="12px" padding="0 32px">${escapeHtml(postalAddress)}</mj-text>
      </mj-column>
    </mj-section>`
}

/** One full-width block of the card, for emails that are a single column of text. */
export const column = (content: string, cssClass = '') =>
  `      <mj-section${cssClass ? ` css-class="${cssClass}"` : ''}>
        <mj-column>
${content}
        </mj-column>
      </mj-section>`

export const paragraph = (html: string) => `          <mj-text>${html}</mj-text>`

const headingStyle = (size: number) =>
  `margin: 0; font-family: ${SERIF.replace(/'/g, '&#39;')}; font-size: ${size}px; line-height: 1.25; font-weight: normal;`

/** A heading of the given level; the text is escaped. */
export const heading = (text: string, level: 1 | 2 | 3 = 1, size = level === 1 ? 28 : level === 2 ? 24 : 20) =>
  `          <mj-text padding-bottom="12px"><h${level} style="${headingStyle(size)}">${escapeHtml(text)}</h${level}></mj-text>`

/** A heading whose words are a link (article titles). */
export const linkedHeading = (text: string, url: string, level: 2 | 3, size: number) =>
  `          <mj-text padding-bottom="8px"><h${level} style="${headingStyle(size)}"><a href="${escapeHtml(url)}" style="color: ${PALETTE.ink}; text-decoration: none;">${escapeHtml(text)}</a></h${level}></mj-text>`

export const label = (text: string, padding = '0 32px 6px') =>
  `          <mj-text mj-class="label" padding="${padding}">${escapeHtml(text.toUpperCase())}</mj-text>`

export const button = (text: string, url: string) =>
  `          <mj-button href="${escapeHtml(url)}">${escapeHtml(text)}</mj-button>`

/** A plain link in the body's own colour scheme (never the mail app's default blue). */
export const link = (text: string, url: string) =>
  `<a href="${escapeHtml(url)}" style="color: ${PALETTE.accent}; text-decoration: underline;">${escapeHtml(text)}</a>`

export const divider = () =>
  `          <mj-divider border-width="1px" border-color="${PALETTE.rule}" padding="8px 32px 24px" />`
