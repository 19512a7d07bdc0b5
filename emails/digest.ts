import {
  button,
  column,
  divider,
  escapeHtml,
  label,
  layout,
  linkedHeading,
  paragraph,
  PALETTE,
  READER_ONLY,
  SANS,
} from './partials'
import { renderEmail, type RenderedEmail } from './render'

/**
 * The bi-weekly "Mindful Moments" digest. Rendered once per edition: the reader's name and
 * links arrive as placeholders and are substituted into the frozen bytes at send time.
 */

export type DigestImage = {
  url: string
  alt: string
  /** The file's own size, for the width and height attributes at the size shown. */
  width: number
  height: number
}

export type DigestArticle = {
  category?: string | null
  title: string
  summary?: string | null
  authorName?: string | null
  readingMinutes?: number | null
  url: string
  image?: DigestImage | null
  /** "More like this" / "Less like this": the edition's feedback links for the story (frozen renders only). */
  feedback?: { more: string; less: string } | null
}

/** The newsletter an edition belongs to, as its readers know it. */
export type DigestNewsletter = { name: string; cadence: 'biweekly' | 'weekly' | 'monthly' | 'manual' }

const HOW_OFTEN = { biweekly: 'every two weeks', weekly: 'every week', monthly: 'once a month', manual: 'now and then' }
const MORE_LABEL = {
  biweekly: 'More this fortnight',
  weekly: 'More this week',
  monthly: 'More this month',
  manual: 'More to read',
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export type DigestData = {
  newsletter: DigestNewsletter
  number: number
  /** The edition's date as readers read it ("25 November 2026"). */
  date: string
  subject: string
  preheader?: string | null
  editorsNote?: string | null
  /** The editor's letter as HTML (made from the admin's rich text, escaped there), if any. */
  letterHtml?: string | null
  articles: DigestArticle[]
  /** The lead story's author, for the short "About the author". */
  leadAuthor?: { name: string; roleLine?: string | null; bio?: string | null } | null
  postalAddress: string
  whatWeCountUrl: string
  /** What follows "Hi" (see greetingName); a placeholder when rendering for every reader. */
  greetingName: string
  webVersionUrl: string
  manageUrl: string
  pauseUrl: string
  unsubscribeUrl: string
}

/** The preview line: the editor's, or the lead story's dek. */
export function digestPreheader(data: Pick<DigestData, 'preheader' | 'articles'>): string {
  const lead = data.articles[0]
  return data.preheader || lead?.summary || lead?.title || 'Stories on mindful dating and relationships'
}

/** The card's inner width: 600 px less 32 px padding each side. */
const LEAD_WIDTH = 536
const THUMB_WIDTH = 160

function image(picture: DigestImage, width: number, extra = ''): string {
  const shown = Math.min(width, picture.width)
  const height = Math.round((shown * picture.height) / picture.width)
  return `          <mj-image src="${escapeHtml(picture.url)}" alt="${escapeHtml(picture.alt)}" width="${shown}px" height="${height}px"${extra} />`
}

function byline(article: DigestArticle): string {
  const parts = [
    article.authorName && `By ${escapeHtml(article.authorName)}`,
    article.readingMinutes ? `${article.readingMinutes} min read` : '',
  ]
  const text = parts.filter(Boolean).join(' &nbsp;·&nbsp; ')
  return text ? `          <mj-text mj-class="small" padding-bottom="12px">${text}</mj-text>` : ''
}

const summary = (article: DigestArticle, size: number) =>
  article.summary
    ? `          <mj-text font-size="${size}px" padding-bottom="10px">${escapeHtml(article.summary)}</mj-text>`
    : ''

function leadStory(article: DigestArticle): string {
  return column(
    [
      article.image ? image(article.image, LEAD_WIDTH, ' fluid-on-mobile="true"') : '',
      article.category ? label(article.category) : '',
      linkedHeading(article.title, article.url, 2, 26),
      summary(article, 17),
      byline(article),
      button('Read the story', article.url),
      feedbackLine(article),
    ]
      .filter(Boolean)
      .join('\n'),
  )
}

/** One click tells the editors which stories to write more of; the click names the story, not the reader. */
function feedbackLine(article: DigestArticle): string {
  if (!article.feedback) return ''
  const link = (text: string, url: string) =>
    `<a href="${escapeHtml(url)}" style="color: ${PALETTE.muted}; text-decoration: underline;">${text}</a>`
  return `          <mj-text mj-class="small" font-size="13px" padding-bottom="24px">${link('More like this', article.feedback.more)} &nbsp;·&nbsp; ${link('Less like this', article.feedback.less)}</mj-text>`
}

/** A smaller story: its picture beside the text on wide screens, above it on phones. */
function storyCard(article: DigestArticle): string {
  const text = [
    article.category ? label(article.category) : '',
    linkedHeading(article.title, article.url, 3, 20),
    summary(article, 15),
    byline(article),
    `          <mj-text padding-bottom="${article.feedback ? 8 : 24}px" font-family="${SANS}" font-size="15px" font-weight="600"><a href="${escapeHtml(article.url)}" style="color: ${PALETTE.accent}; text-decoration: none;">Read the story →</a></mj-text>`,
    feedbackLine(article),
  ]
    .filter(Boolean)
    .join('\n')
  if (!article.image) return column(text)
  // On wide screens the text column starts after the picture: its own left padding goes.
  return `      <mj-section>
        <mj-column width="${THUMB_WIDTH + 48}px" vertical-align="top" css-class="mm-thumb">
${image(article.image, THUMB_WIDTH, ' padding="0 16px 16px 32px" fluid-on-mobile="true"')}
        </mj-column>
        <mj-column width="${600 - THUMB_WIDTH - 48}px" vertical-align="top" css-class="mm-beside">
${text.replaceAll('<mj-text ', '<mj-text padding-left="0" ')}
        </mj-column>
      </mj-section>`
}

function aboutTheAuthor(author: NonNullable<DigestData['leadAuthor']>): string {
  const role = author.roleLine ? `, <em>${escapeHtml(author.roleLine)}</em>` : ''
  const bio = author.bio ? `<br />${escapeHtml(author.bio)}` : ''
  return `      <mj-section padding="0 32px 20px">
        <mj-column background-color="${PALETTE.tint}" border-radius="8px" padding="16px 0 4px" css-class="mm-tint">
${label('About the author', '0 20px 6px')}
          <mj-text font-size="15px" padding="0 20px 12px"><strong>${escapeHtml(author.name)}</strong>${role}${bio}</mj-text>
        </mj-column>
      </mj-section>`
}

function editorsNote(note: string | null | undefined): string {
  if (!note?.trim()) {
    return paragraph(
      "Here are this fortnight's stories on mindful dating and relationships: helpful tips, tactics and ideas to improve your life.",
    )
  }
  const paragraphs = note
    .trim()
    .split(/\n\s*\n/)
    .map((text) => paragraph(escapeHtml(text.trim()).replace(/\n/g, '<br />')))
  return [
    ...paragraphs,
    `          <mj-text padding-bottom="24px" font-style="italic" color="${PALETTE.muted}" css-class="mm-muted">— The Mindful Press editors</mj-text>`,
  ].join('\n')
}

export function renderDigest(data: DigestData): Promise<RenderedEmail> {
  const [lead, ...rest] = data.articles
  const { name, cadence } = data.newsletter
  const numbered = `${name} #${data.number}`
  const headline = data.subject.replace(new RegExp(`^${escapeRegExp(name)} #\\d+:\\s*`), '') || numbered
  const opening = column(
    [
      label(`${numbered} · ${data.date}`),
      `          <mj-text padding-bottom="16px"><h1 style="margin: 0; font-size: 30px; line-height: 1.2; font-weight: normal;">${escapeHtml(headline)}</h1></mj-text>`,
      paragraph(`Hi ${escapeHtml(data.greetingName)},`),
      // A letter speaks for itself: the stories' stock introduction is only for an edition without one.
      data.letterHtml && !data.editorsNote?.trim() ? '' : editorsNote(data.editorsNote),
      data.letterHtml
        ? `          <mj-text css-class="mm-letter" padding-bottom="16px">${data.letterHtml}</mj-text>`
        : '',
      lead ? divider() : '',
    ]
      .filter(Boolean)
      .join('\n'),
  )
  const more = rest.length > 0 ? column([divider(), label(MORE_LABEL[cadence], '0 32px 16px')].join('\n')) : ''
  const sections = [
    opening,
    lead ? leadStory(lead) : '',
    data.leadAuthor && lead ? aboutTheAuthor(data.leadAuthor) : '',
    more,
    rest.map(storyCard).join('\n'),
  ].filter(Boolean)
  return renderEmail(
    data.subject,
    layout({
      title: data.subject,
      preheader: digestPreheader(data),
      topLine: `    <mj-section padding="12px 0 0">
      <mj-column>
        <mj-text mj-class="small" css-class="mm-muted ${READER_ONLY}" align="center" font-size="12px" padding="0 24px">${escapeHtml(numbered)} &nbsp;·&nbsp; <a href="${escapeHtml(data.webVersionUrl)}" style="color: ${PALETTE.muted}; text-decoration: underline;">View in your browser</a></mj-text>
      </mj-column>
    </mj-section>
`,
      sections: sections.join('\n'),
      footer: {
        reason: `You get ${name} ${HOW_OFTEN[cadence]} because you subscribed on our site.`,
        postalAddress: data.postalAddress,
        whatWeCountUrl: data.whatWeCountUrl,
        manageUrl: data.manageUrl,
        pauseUrl: data.pauseUrl,
        unsubscribeUrl: data.unsubscribeUrl,
      },
    }),
  )
}
