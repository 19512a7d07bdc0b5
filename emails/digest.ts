import { escapeHtml, layout, paragraph } from './partials'
import { renderEmail, type RenderedEmail } from './render'

/**
 * The bi-weekly "Mindful Moments" digest. Rendered once per edition: the per-reader links
 * arrive as placeholders and are substituted at send time.
 */

export type DigestArticle = {
  category?: string | null
  title: string
  summary?: string | null
  authorName?: string | null
  authorRole?: string | null
  url: string
  image?: { url: string; alt: string } | null
}

export type DigestData = {
  number: number
  subject: string
  preheader?: string | null
  intro?: string | null
  articles: DigestArticle[]
  /** The lead story's author, for the short "About the Author". */
  leadAuthor?: { name: string; roleLine?: string | null; bio?: string | null } | null
  postalAddress: string
  unsubscribeUrl: string
  preferencesUrl: string
}

const MUTED = '#6b6876'

function articleCard(article: DigestArticle, lead: boolean): string {
  const image = article.image
    ? `        <mj-image src="${escapeHtml(article.image.url)}" alt="${escapeHtml(article.image.alt)}" border-radius="6px" padding-bottom="8px" />\n`
    : ''
  const byline = [article.authorName, article.authorRole].filter(Boolean).map((part) => escapeHtml(part)).join(' · ')
  return `${image}        <mj-text padding-bottom="0" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12px" letter-spacing="1px" color="${MUTED}">${escapeHtml((article.category ?? '').toUpperCase())}</mj-text>
        <mj-text padding-top="4px" padding-bottom="4px" font-size="${lead ? 26 : 21}px" line-height="1.25"><a href="${escapeHtml(article.url)}" style="color: inherit; text-decoration: none;">${escapeHtml(article.title)}</a></mj-text>
${article.summary ? paragraph(escapeHtml(article.summary)) + '\n' : ''}${byline ? `        <mj-text padding-top="0" font-size="14px" color="${MUTED}">${byline}</mj-text>\n` : ''}        <mj-text padding-top="0"><a href="${escapeHtml(article.url)}">Read “${escapeHtml(article.title)}”</a></mj-text>
        <mj-divider border-width="1px" border-color="#eee6dc" padding="16px 25px" />`
}

export function renderDigest(data: DigestData): Promise<RenderedEmail> {
  const [lead, ...rest] = data.articles
  const about = data.leadAuthor
    ? `        <mj-text font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12px" letter-spacing="1px" color="${MUTED}">ABOUT THE AUTHOR</mj-text>
        <mj-text padding-top="0" font-size="15px"><strong>${escapeHtml(data.leadAuthor.name)}</strong>${data.leadAuthor.roleLine ? `, ${escapeHtml(data.leadAuthor.roleLine)}` : ''}${data.leadAuthor.bio ? `<br />${escapeHtml(data.leadAuthor.bio)}` : ''}</mj-text>`
    : ''
  const body = [
    `        <mj-text font-size="28px" line-height="1.2">Mindful Moments #${data.number}</mj-text>`,
    data.intro ? paragraph(escapeHtml(data.intro).replace(/\n/g, '<br />')) : '',
    lead ? articleCard(lead, true) : '',
    about,
    ...rest.map((article) => articleCard(article, false)),
    `        <mj-text font-size="14px" color="${MUTED}"><a href="${escapeHtml(data.preferencesUrl)}" style="color: ${MUTED};">Manage your subscription</a></mj-text>`,
  ]
    .filter(Boolean)
    .join('\n')
  return renderEmail(
    data.subject,
    layout({
      title: data.subject,
      preheader: data.preheader || (lead ? lead.title : 'Stories on mindful dating and relationships'),
      body,
      footer: {
        reason: 'You get Mindful Moments every two weeks because you subscribed on our site.',
        postalAddress: data.postalAddress,
        unsubscribeUrl: data.unsubscribeUrl,
      },
    }),
  )
}
