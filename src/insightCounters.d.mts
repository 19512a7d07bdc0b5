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
export const INSIGHT_COUNTERS: Readonly<Record<CounterName, CounterDefinition>>
export function liveCountsKey(redisPrefix: string): string
export function dayOf(date?: Date): string
export function countField(counter: CounterName, subject: string, day?: string): string
export function parseCountField(field: string): { day: string; counter: string; subject: string }
