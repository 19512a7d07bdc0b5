import type { CollectionConfig } from 'payload'

import { admins, nobody } from '@/src/access/roles'
import { optionsFrom } from './fields/options'

export const MAIL_OUTBOX_STATUSES = ['queued', 'sent', 'skipped'] as const

/**
 * Every transactional email (confirmations, welcomes, address changes, contributor notices,
 * editors' tests) is written here before it is queued, and settled by the worker: Redis may
 * lose its queue, this list says what is still owed (src/services/platform/mailOutbox.ts).
 * Ids only, like the jobs: no address.
 */
export const MailOutbox: CollectionConfig = {
  slug: 'mail-outbox',
  admin: {
    group: 'Operations',
    useAsTitle: 'kind',
    defaultColumns: ['kind', 'status', 'createdAt', 'settledAt'],
    description: 'Transactional email owed and sent. Kept a week once settled.',
  },
  access: { read: admins, create: nobody, update: nobody, delete: admins },
  fields: [
    { name: 'kind', type: 'text', required: true, index: true, admin: { readOnly: true } },
    {
      name: 'job',
      type: 'json',
      required: true,
      admin: {
        readOnly: true,
        description: 'What the worker needs: ids only.',
        components: { Field: '/components/admin/ReadOnlyCode#ReadOnlyCode' },
      },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: optionsFrom(MAIL_OUTBOX_STATUSES),
      admin: { readOnly: true },
    },
    { name: 'outcome', type: 'text', admin: { readOnly: true } },
    { name: 'settledAt', type: 'date', index: true, admin: { readOnly: true } },
  ],
}
