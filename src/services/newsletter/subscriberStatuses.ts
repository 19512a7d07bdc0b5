export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'bounced', 'complained'] as const

export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number]
