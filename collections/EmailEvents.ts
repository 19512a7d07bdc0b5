import type { CollectionConfig } from 'payload'

import { admins, nobody, staff } from '@/src/access/roles'
import { optionsFrom } from './fields/options'

import { EMAIL_EVENT_PROVIDERS, EMAIL_EVENT_TYPES } from '@/src/services/newsletter/providerEvents/eventTypes'

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
    {
      name: 'eventKey',
      type: 'text',
      required: true,
      unique: true,
      admin: { readOnly: true, description: "The provider's own id for the event." },
    },
    {
      name: 'occurredAt',
      type: 'date',
      required: true,
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'subscriber', type: 'relationship', relationTo: 'subscribers', index: true },
    { name: 'edition', type: 'relationship', relationTo: 'editions', index: true },
    { name: 'effect', type: 'text', admin: { description: 'What it changed.' } },
  ],
}
