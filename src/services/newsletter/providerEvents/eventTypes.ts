/** The mail providers whose event webhooks we accept. */
export const EMAIL_EVENT_PROVIDERS = ['ses', 'postmark', 'mailgun', 'sendgrid'] as const
export type EmailEventProvider = (typeof EMAIL_EVENT_PROVIDERS)[number]

/** What a provider may tell us after it accepted a message; anything else it reports is ignored. */
export const EMAIL_EVENT_TYPES = ['hard-bounce', 'soft-bounce', 'complaint', 'unsubscribe'] as const
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number]
