import type { CollectionConfig } from 'payload'

import { admins, nobody, staff } from '../src/access/roles'

/**
 * What happened to one edition for one reader. Written by the worker only; no copy of the
 * address is kept here, only the subscriber's id.
 */
export const Deliveries: CollectionConfig = {
  slug: 'deliveries',
  admin: { defaultColumns: ['edition', 'subscriber', 'status', 'attempts', 'sentAt'], group: 'Newsletter' },
  access: { read: staff, create: nobody, update: nobody, delete: admins },
  indexes: [{ fields: ['edition', 'subscriber'], unique: true }],
  fields: [
    { name: 'edition', type: 'relationship', relationTo: 'editions', required: true, index: true },
    { name: 'subscriber', type: 'relationship', relationTo: 'subscribers', required: true, index: true },
    {
      name: 'status',
      type: 'select',
      required: true,
      options: [
        { label: 'Sent', value: 'sent' },
        { label: 'Failed', value: 'failed' },
      ],
    },
    { name: 'attempts', type: 'number', defaultValue: 1, min: 0 },
    { name: 'messageId', type: 'text' },
    { name: 'error', type: 'text', maxLength: 1000 },
    { name: 'sentAt', type: 'date' },
  ],
}
