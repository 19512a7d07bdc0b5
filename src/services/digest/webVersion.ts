import type { Payload, Where } from 'payload'

import { escapeHtml, PALETTE, READER_ONLY, SANS } from '@/emails/partials'
import { env } from '@/src/env'
import { readerPlaceholders } from './message'

/**
 * Editions as the public reads them on the web: the frozen email that readers received,
 * with nobody's name or links in it. Only editions readers have (sending or sent) are shown.
 */

const ON_THE_WEB = ['sending', 'sent']

/** Readers have it, and the editor did not keep it off the web (`showInArchive`, on unless unticked). */
const onTheWeb: Where = {
  and: [{ status: { in: ON_THE_WEB } }, { showInArchive: { not_equals: false } }],
}

export const ARCHIVE_PAGE_SIZE = 24

export type ArchivedEdition = { number: number; subject: string; sentAt: string | null; newsletter: string }

export async function archivedEditions(
  payload: Payload,
  page: number,
): Promise<{ editions: ArchivedEdition[]; page: number; totalPages: number }> {
  const result = await payload.find({
    collection: 'editions',
    where: onTheWeb,
    sort: '-number',
    select: {
      number: true,
      subject: true,
      newsletter: true,
      stats: { startedAt: true },
      snapshot: { renderedAt: true },
    },
    limit: ARCHIVE_PAGE_SIZE,
    page,
    // The newsletter's name, beside each edition.
    depth: 1,
    overrideAccess: true,
  })
  return {
    editions: result.docs.map((edition) => ({
      number: edition.number,
      subject: edition.subject,
      sentAt: edition.stats?.startedAt ?? edition.snapshot?.renderedAt ?? null,
      newsletter:
        typeof edition.newsletter === 'object' && edition.newsletter ? edition.newsletter.name : 'Mindful Moments',
    })),
    page: result.page ?? page,
    totalPages: Math.max(1, result.totalPages),
  }
}

/** The web version of edition `number`, or null when there is none to show. */
export async function webVersionHtml(payload: Payload, number: number): Promise<string | null> {
  const { docs } = await payload.find({
    collection: 'editions',
    where: { and: [{ number: { equals: number } }, onTheWeb] },
    select: { snapshot: { html: true, placeholderKey: true } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const snapshot = docs[0]?.snapshot
  return snapshot?.html ? publicCopy(snapshot.html, number, snapshot.placeholderKey) : null
}

/**
 * The frozen HTML with every reader's value taken out: links that would carry a reader's
 * token lead to the sign-up page, the greeting is the one for a reader without a name, and
 * the reader's own lines (view in browser, manage, unsubscribe) are hidden.
 */
export function publicCopy(frozenHtml: string, number: number, placeholderKey: string | null | undefined): string {
  const placeholders = readerPlaceholders(placeholderKey)
  const readerLink = new RegExp(`https?://[^"'\\s<>\\]]*${placeholders.token}[^"'\\s<>\\]]*`, 'g')
  const site = env().publicUrl
  const bar = `<div style="max-width:600px;margin:0 auto;padding:14px 16px;font:14px/1.5 ${escapeHtml(SANS)};color:${PALETTE.muted};text-align:center;">
<a href="${site}/newsletter/archive" style="color:${PALETTE.accent};">All editions</a> &nbsp;·&nbsp; Mindful Moments #${number} &nbsp;·&nbsp; <a href="${site}/newsletter" style="color:${PALETTE.accent};">Get it by email</a></div>`
  const html = frozenHtml
    .replace(readerLink, `${site}/newsletter`)
    .replaceAll(placeholders.name, 'there')
    .replace('</head>', `<style>.${READER_ONLY} { display: none !important; }</style>\n</head>`)
    .replace(/<body\b[^>]*>/, (body) => `${body}\n${bar}`)
  // Every placeholder is gone, or the page is not shown at all.
  for (const placeholder of Object.values(placeholders)) {
    if (html.toLowerCase().includes(placeholder.toLowerCase()))
      throw new Error(`the web version of edition ${number} still holds a reader placeholder`)
  }
  return html
}
