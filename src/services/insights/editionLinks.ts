import { createHmac, timingSafeEqual } from 'node:crypto'

import { env } from '@/src/env'
import type { RecordId } from '../platform/records'
import { secretKeys } from '../platform/secretKeys'

/**
 * The links of an edition's stories: `/r/<edition>/<article>/<signature>`. They name the
 * edition and the article, never the reader: every reader's message holds the same links. The
 * signature means nobody can mint counts for links we never sent, and a forged or mistyped
 * link is refused before the database is asked. Ids are never reused (SQLite's AUTOINCREMENT,
 * MongoDB's ObjectIds), so a link cannot come to mean another edition.
 */

const keys = () => secretKeys('edition links v1')
const signatureOf = (edition: RecordId, article: RecordId, key: Buffer) =>
  createHmac('sha256', key).update(`${edition}.${article}`).digest('base64url').slice(0, 16)

export const editionLinkUrl = (edition: RecordId, article: RecordId) =>
  `${env().publicUrl}/r/${edition}/${article}/${signatureOf(edition, article, keys()[0])}`

/** Whether `signature` is the one we gave this edition's link to the article (keys of PREVIOUS_SECRETS too). */
export function isEditionLink(edition: string, article: string, signature: string): boolean {
  const given = Buffer.from(signature)
  return keys().some((key) => {
    const expected = Buffer.from(signatureOf(edition, article, key))
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}
