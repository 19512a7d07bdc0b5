// The registry of every number Mindful Press keeps about what readers do, and the one way to
// count one. Each is a counter keyed by (day, what, subject): never by reader, address, IP,
// cookie or user agent. The public page /privacy/what-we-count is generated from this list, and
// a counter that is not in it cannot be written.
//
// Plain JavaScript because the web server's own entry (src/server.mjs), which Node loads
// unbundled, counts article views; the TypeScript side imports the same file.

/**
 * @typedef {{ subject: 'article' | 'edition link' | 'edition story' | 'newsletter', label: string, what: string }} CounterDefinition
 */

/** @type {Readonly<Record<string, CounterDefinition>>} */
export const INSIGHT_COUNTERS = Object.freeze({
  'article.views': {
    subject: 'article',
    label: 'Article views',
    what: 'How many times an article’s page was sent to a browser that day (a HEAD request or a page that was not found is not counted). Counted by our server as it answers; the page runs no script and sets no cookie.',
  },
  'link.clicks': {
    subject: 'edition link',
    label: 'Link clicks',
    what: 'How many times a link in an edition was followed that day. The link names the edition and the link, never the reader.',
  },
  'link.scanner-clicks': {
    subject: 'edition link',
    label: 'Clicks that were probably mail scanners',
    what: 'Requests for a link in an edition that look like a mail provider’s security scanner rather than a person (a HEAD request, a scanner’s known user agent, or one client opening every link of an edition within seconds), kept apart from clicks.',
  },
  'feedback.more': {
    subject: 'edition story',
    label: '“More like this”',
    what: 'How many times readers asked for more stories like one in an edition.',
  },
  'feedback.less': {
    subject: 'edition story',
    label: '“Less like this”',
    what: 'How many times readers asked for fewer stories like one in an edition.',
  },
  'newsletter.sign-ups': {
    subject: 'newsletter',
    label: 'Sign-ups',
    what: 'Sign-ups that day (before the address is confirmed).',
  },
  'newsletter.confirmations': {
    subject: 'newsletter',
    label: 'Confirmations',
    what: 'Addresses confirmed that day.',
  },
  'newsletter.unsubscribes': {
    subject: 'newsletter',
    label: 'Unsubscribes',
    what: 'Readers who left that day, by any way out (a link, their mail app’s button, a reply).',
  },
  'newsletter.list-size': {
    subject: 'newsletter',
    label: 'List size',
    what: 'How many readers received the newsletter that day: one number a day, taken when the counts are put away.',
  },
  'newsletter.unsubscribe-reasons': {
    subject: 'newsletter',
    label: 'Reasons for leaving',
    what: 'The reason readers chose on the page after unsubscribing, if they chose one (too many emails, not what they expected, never signed up, another reason), counted per reason.',
  },
})

/** The reasons a reader may give after unsubscribing (one click, optional), and how the page words them. */
export const UNSUBSCRIBE_REASONS = Object.freeze({
  'too-many': 'Too many emails',
  'not-relevant': 'Not what I expected',
  'never-signed-up': 'I never signed up',
  other: 'Another reason',
})

/** The Redis hash that holds today's counts until the worker rolls them up into the database. */
export const liveCountsKey = (redisPrefix) => `${redisPrefix}:insights:live`

/** A subject is an id, a slug or a pair of them: short, and never holding the separator. */
const SUBJECT = /^[A-Za-z0-9._:-]{1,160}$/

/** The day a count belongs to, in UTC (the roll-up and the pages agree on it). */
export const dayOf = (date = new Date()) => date.toISOString().slice(0, 10)

/** The field of one count in the live hash: `day|counter|subject`. */
export function countField(counter, subject, day = dayOf()) {
  if (!Object.hasOwn(INSIGHT_COUNTERS, counter)) throw new Error(`"${counter}" is not a registered counter`)
  if (!SUBJECT.test(subject)) throw new Error(`"${subject}" cannot be the subject of a count`)
  return `${day}|${counter}|${subject}`
}

/** @param {string} field */
export function parseCountField(field) {
  const [day, counter, subject] = field.split('|')
  return { day, counter, subject }
}
