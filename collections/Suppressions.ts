import type { CollectionConfig } from 'payload'

import { admins, nobody } from '@/src/access/roles'

/**
 * Addresses that were erased, or whose owner marked our email as spam, kept only as a keyed
 * hash: enough to recognise the address in an import, never enough to read it back.
 * Written by the erase hook and by provider complaints only.
 */
export const Suppressions: CollectionConfig = {
  slug: 'suppressions',
  admin: {
    group: 'Newsletter',
    defaultColumns: ['reason', 'createdAt'],
    description: 'Erased readers and spam complaints, as hashes: imports never re-add them.',
  },
  access: { read: admins, create: nobody, update: nobody, delete: admins },
  fields: [
    { name: 'emailHash', type: 'text', required: true, unique: true, index: true, admin: { readOnly: true } },
    {
      name: 'reason',
      type: 'select',
      required: true,
      defaultValue: 'erased',
      options: [
        { label: 'Erased on request', value: 'erased' },
        { label: 'Marked our email as spam', value: 'complained' },
      ],
    },
  ],
}
