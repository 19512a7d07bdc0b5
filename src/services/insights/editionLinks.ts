import { createHmac, timingSafeEqual } from 'node:crypto'

import { env } from '@/src/env'
import type { RecordId } from '../platform/records'
import { secretKeys } from '../platform/secretKeys'

/**
 * The links of an edition's stories: `/r/<edition>/<article>/<signature>` to read one, and
 * `/f/<edition>/<article>/<more|less>/<signature>` to ask for more or fewer like it. They name
 * the edition and the article, never the reader: every reader's message holds the same links.
 * The signature means nobody can mint counts for links we never sent, and a forged or
 * mistyped link is refused before the database is asked. Ids are never reused (SQLite's
 * AUTOINCREMENT, MongoDB's ObjectIds), so a link cannot come to mean another edition.
 */

export const FEEDBACK_KINDS = ['more', 'less'] as const
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

const keys = () => secretKeys('edition links v1')
const signatureOf = (parts: Array<string | number>, key: Buffer) =>
  createHmac('sha256', key).update(parts.join('.')).digest('base64url').slice(0, 16)

function isSignatureOf(parts: Array<string | number>, signature: string): boolean {
  const given = Buffer.from(signature)
  return keys().some((key) => {
    const expected = Buffer.from(signatureOf(parts, key))
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}

export const editionLinkUrl = (edition: RecordId, article: RecordId) =>
  `${env().publicUrl}/r/${edition}/${article}/${signatureOf([edition, article], keys()[0])}`

/** Whether `signature` is the one we gave this edition's link to the article (keys of PREVIOUS_SECRETS too). */
export const isEditionLink = (edition: string, article: string, signature: string) =>
  isSignatureOf([edition, article], signature)

export const feedbackUrl = (edition: RecordId, article: RecordId, kind: FeedbackKind) =>
  `${env().publicUrl}/f/${edition}/${article}/${kind}/${signatureOf(['feedback', edition, article, kind], keys()[0])}`

export const isFeedbackLink = (edition: string, article: string, kind: FeedbackKind, signature: string) =>
  isSignatureOf(['feedback', edition, article, kind], signature)
