import { convertLexicalToHTML, defaultHTMLConverters, type HTMLConverters } from '@payloadcms/richtext-lexical/html'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import { escapeHtml } from '@/emails/partials'
import type { Media } from '@/src/payload-types'
import { env } from '@/src/env'

/**
 * An edition's letter: rich text an editor writes in the admin (Payload's editor with its
 * default features: headings, lists, quotes, links, pictures from the media library), and
 * the HTML it becomes inside the email. Whatever it holds still meets the tracking guard
 * before the edition is frozen.
 */
export const letterEditor = lexicalEditor({})

/** The widest picture the email's column holds (600 px less its padding). */
const COLUMN_WIDTH = 536

const absolute = (url: string) =>
  /^https?:\/\//.test(url) ? url : `${env().publicUrl}${url.startsWith('/') ? '' : '/'}${url}`

/** A picture as mail apps show it: its own size up to the column's width, never wider than the screen. */
function picture(media: Media): string {
  const width = Math.min(media.width ?? COLUMN_WIDTH, COLUMN_WIDTH)
  const height = media.width && media.height ? Math.round((media.height * width) / media.width) : undefined
  return `<img src="${escapeHtml(absolute(media.url ?? ''))}" alt="${escapeHtml(media.alt ?? '')}" width="${width}"${
    height === undefined ? '' : ` height="${height}"`
  } style="display:block;max-width:100%;height:auto;border:0;">`
}

const converters: HTMLConverters = {
  ...defaultHTMLConverters,
  // Pictures from the library, at an absolute address on our own site (the upload must be read at depth 1).
  upload: ({ node }) => {
    const media = (node as { value?: unknown }).value
    if (!media || typeof media !== 'object') return ''
    const doc = media as Media
    return doc.mimeType?.startsWith('image/')
      ? picture(doc)
      : `<a href="${escapeHtml(absolute(doc.url ?? ''))}">${escapeHtml(doc.filename ?? 'file')}</a>`
  },
}

/** The letter's HTML for the email, or null when there is no letter (or nothing in it). */
export function letterHtml(letter: unknown): string | null {
  const state = letter as SerializedEditorState | null | undefined
  if (!state?.root?.children?.length) return null
  const html = convertLexicalToHTML({ data: state, converters, disableContainer: true, disableIndent: true })
  return /<img|[^\s<>]/.test(html.replace(/<[^>]*>/g, (tag) => (tag.startsWith('<img') ? 'x' : ''))) ? html : null
}
