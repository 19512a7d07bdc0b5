import type { CollectionConfig } from 'payload'

import { admins, nobody, staff } from '../src/access/roles'
import { optionsFrom } from './fields/options'

export const EMAIL_EVENT_PROVIDERS = ['ses', 'postmark', 'mailgun', 'sendgrid'] as const
export type EmailEventProvider = (typeof EMAIL_EVENT_PROVIDERS)[number]

/** What a provider may tell us after it accepted a message; anything else it reports is ignored. */
export const EMAIL_EVENT_TYPES = ['hard-bounce', 'soft-bounce', 'complaint', 'unsubscribe'] as const
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number]

/**
 * What mail providers reported after accepting a message: bounces, spam complaints and
 * unsubscribes, each with what it changed. The reader appears by id only, never by address;
 * `eventKey` (provider and its own event id) makes a replayed event change nothing.
 */
export const EmailEvents: CollectionConfig = {
  slug: 'email-events',
  labels: { singular: 'Provider event', plural: 'Provider events' },
  admin: {
    group: 'Newsletter',
    useAsTitle: 'type',
    defaultColumns: ['occurredAt', 'provider', 'type', 'effect', 'subscriber', 'edition'],
    description: 'Bounces, spam complaints and unsubscribes that the mail provider reported after accepting a message.',
  },
  access: { read: staff, create: nobody, update: nobody, delete: admins },
  defaultSort: '-occurredAt',
  fields: [
    { name: 'provider', type: 'select', required: true, index: true, options: optionsFrom(EMAIL_EVENT_PROVIDERS) },
    { name: 'type', type: 'select', required: true, index: true, options: optionsFrom(EMAIL_EVENT_TYPES) },
    { name: 'eventKey', type: 'text', required: true, unique: true, admin: { readOnly: true, description: "The provider's own id for the event." } },
    { name: 'occurredAt', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'subscriber', type: 'relationship', relationTo: 'subscribers', index: true },
    { name: 'edition', type: 'relationship', relationTo: 'editions', index: true },
    { name: 'effect', type: 'text', admin: { description: 'What it changed.' } },
  ],
}
