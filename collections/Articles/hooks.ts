import type { CollectionBeforeChangeHook } from 'payload'

import { plainTextOf } from '@/src/services/editorial/articleEditor'
import { shorten } from '@/src/services/platform/text'

const WORDS_PER_MINUTE = 220
const EXCERPT_LENGTH = 280

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
