export type CounterSubject = 'article' | 'edition link' | 'edition story' | 'newsletter'
export type CounterDefinition = { subject: CounterSubject; label: string; what: string }
export type CounterName =
  | 'article.views'
  | 'link.clicks'
  | 'link.scanner-clicks'
  | 'feedback.more'
  | 'feedback.less'
  | 'newsletter.sign-ups'
  | 'newsletter.confirmations'
  | 'newsletter.unsubscribes'
  | 'newsletter.list-size'
  | 'newsletter.unsubscribe-reasons'
export const INSIGHT_COUNTERS: Readonly<Record<CounterName, CounterDefinition>>
export type UnsubscribeReason = 'too-many' | 'not-relevant' | 'never-signed-up' | 'other'
export const UNSUBSCRIBE_REASONS: Readonly<Record<UnsubscribeReason, string>>
export function liveCountsKey(redisPrefix: string): string
export function dayOf(date?: Date): string
export function countField(counter: CounterName, subject: string, day?: string): string
export function parseCountField(field: string): { day: string; counter: string; subject: string }
