import type { RecordId } from '@/src/services/platform/records'

/**
 * Which of an edition's stories a reader gets, from the topics (categories) they chose. A
 * reader's selection comes down to a set of stories, named by a key: the same stories for
 * two different selections are one render, never two.
 */

/** A story as the edition froze it: the article and its category. */
export type Story = { article: RecordId; category: RecordId | null }

/** The whole edition: the reader chose no topics, or every story is in theirs. Rendered as the snapshot. */
export const EVERY_STORY = ''

/** None of the edition's stories is in the reader's topics: they get no email this time. */
export const NO_STORY = '-'

/** Why a reader with topics got nothing, as their delivery outcome says. */
export const NOTHING_IN_TOPICS = 'nothing new in your topics'

/** The key of the stories `topics` pick from `stories`: article ids in the edition's order, joined by dots. */
export function storySetOf(stories: Story[], topics: ReadonlyArray<RecordId> | null | undefined): string {
  if (!topics || topics.length === 0) return EVERY_STORY
  const chosen = new Set(topics.map(String))
  const picked = stories.filter((story) => story.category !== null && chosen.has(String(story.category)))
  if (picked.length === stories.length) return EVERY_STORY
  if (picked.length === 0) return NO_STORY
  return picked.map((story) => String(story.article)).join('.')
}

/** The article ids a key names (none for the two special keys). */
export const articlesOf = (key: string): string[] => (key === EVERY_STORY || key === NO_STORY ? [] : key.split('.'))
