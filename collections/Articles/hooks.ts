import type { CollectionBeforeChangeHook } from 'payload'

import { plainTextOf } from './richText'

const WORDS_PER_MINUTE = 220
const EXCERPT_LENGTH = 280

/** Shortens text at a word boundary, with an ellipsis when anything was cut. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.—–-]+$/, '')}…`
}

export const computeReadingTime: CollectionBeforeChangeHook = ({ data }) => {
  const words = plainTextOf(data.body).split(/\s+/).filter(Boolean).length
  return { ...data, readingTime: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) }
}

/** An article without a hand-written excerpt gets its dek, or the start of its text. */
export const fillExcerpt: CollectionBeforeChangeHook = ({ data }) => {
  if (typeof data.excerpt === 'string' && data.excerpt.trim()) return data
  const source = (typeof data.dek === 'string' && data.dek.trim()) || plainTextOf(data.body)
  return source ? { ...data, excerpt: shorten(source, EXCERPT_LENGTH) } : data
}

/** The first publication fixes the date readers see, unless an editor chose one. */
export const stampPublishedAt: CollectionBeforeChangeHook = ({ data }) => {
  if (data._status === 'published' && !data.publishedAt) return { ...data, publishedAt: new Date().toISOString() }
  return data
}
