import { Parser } from 'htmlparser2'

/**
 * The last look at an edition before it is frozen and sent: nothing in it may let anyone
 * learn who read it. Refused, with the reason an editor can act on:
 * - a picture (or stylesheet, or background) that loads from anywhere but our own site: mail
 *   apps fetch it as the message opens, so its server learns who opened what, and when;
 * - a picture of 1×1 or hidden: the classic tracking pixel, wherever it loads from;
 * - a link to another site that carries a reader's data (their link token, name or address,
 *   or any email address): the other site would learn who clicked.
 * Links to other sites without a reader's data are fine; so are our own links, which carry
 * the reader's token only to our own pages (unsubscribe, manage).
 */

export class TrackingRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `This edition was not sent: it would let readers be tracked. ${problems.join(' ')} Remove it, then send again.`,
    )
    this.name = 'TrackingRefusedError'
  }
}

const EMAIL_ADDRESS = /[\w.+-]+(@|%40)[\w-]+\.[\w.-]+/i
const CSS_URL = /url\(\s*['"]?([^'")]+)/gi

const hostOf = (url: string) => {
  try {
    return new URL(url).host
  } catch {
    return url.slice(0, 60)
  }
}

function isHidden(attributes: Record<string, string>): boolean {
  const style = (attributes.style ?? '').replace(/\s+/g, '').toLowerCase()
  const tiny = (value: string | undefined) => value !== undefined && Number.parseFloat(value) <= 1
  return (
    'hidden' in attributes ||
    tiny(attributes.width) ||
    tiny(attributes.height) ||
    /display:none|visibility:hidden|opacity:0(?![.\d])|(?:^|;)(?:max-)?(?:width|height):[01]px/.test(style)
  )
}

/**
 * What would track readers in this HTML, one sentence each (empty: nothing). `readerValues`
 * are the placeholders the send replaces with each reader's own values.
 */
export function trackingProblems(html: string, publicUrl: string, readerValues: string[]): string[] {
  const ours = (url: string) => url.startsWith(`${publicUrl}/`) || url === publicUrl || /^(#|mailto:)/i.test(url)
  const carriesReaderData = (url: string) =>
    readerValues.some((value) => url.includes(value)) || (!url.startsWith('mailto:') && EMAIL_ADDRESS.test(url))
  const problems = new Set<string>()
  const loads = (url: string) => {
    if (!ours(url)) problems.add(`It loads something from ${hostOf(url)} as the email opens.`)
  }
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'img') {
        if (isHidden(attributes)) problems.add('It holds a hidden or 1×1 picture (a tracking pixel).')
        if (attributes.src !== undefined) loads(attributes.src)
      }
      if (name === 'link' && attributes.href) loads(attributes.href)
      if (attributes.background) loads(attributes.background)
      for (const match of (attributes.style ?? '').matchAll(CSS_URL)) loads(match[1])
      if (name === 'a' && attributes.href && !ours(attributes.href) && carriesReaderData(attributes.href))
        problems.add(`A link to ${hostOf(attributes.href)} carries a reader’s data.`)
    },
    ontext(text) {
      for (const match of text.matchAll(CSS_URL)) loads(match[1])
    },
  })
  parser.write(html)
  parser.end()
  return [...problems]
}
