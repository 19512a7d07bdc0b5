import type { CollectionConfig } from 'payload'

import { admins, nobody, staff } from '@/src/access/roles'
import { optionsFrom } from './fields/options'

export const BATCH_STATUSES = ['queued', 'sending', 'done'] as const

/**
 * One batch of an edition's readers and what happened to each of them: the fan-out fixes
 * who is in it, the worker that holds its lease sends, and records every outcome in one
 * write. Readers appear by id only; no copy of an address is kept here.
 */
export const Deliveries: CollectionConfig = {
  slug: 'deliveries',
  labels: { singular: 'Delivery batch', plural: 'Deliveries' },
  admin: {
    useAsTitle: 'batch',
    defaultColumns: ['edition', 'batch', 'status', 'size', 'sent', 'failed', 'skipped'],
    group: 'Newsletter',
  },
  access: { read: staff, create: nobody, update: nobody, delete: admins },
  indexes: [{ fields: ['edition', 'batch'], unique: true }],
  fields: [
    { name: 'edition', type: 'relationship', relationTo: 'editions', required: true, index: true },
    { name: 'batch', type: 'number', required: true, min: 0 },
    {
      name: 'subscribers',
      type: 'relationship',
      relationTo: 'subscribers',
      hasMany: true,
      // Erasing a reader finds their batches by it. SQLite's relation table has this index
      // already (digest_pipeline migration); on MongoDB the array is indexed by this.
      index: true,
      admin: { description: 'The readers of this batch, fixed when the edition was sent.' },
    },
    { name: 'size', type: 'number', required: true, min: 0 },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: optionsFrom(BATCH_STATUSES),
    },
    {
      name: 'outcomes',
      type: 'json',
      admin: {
        description: 'Per reader id: sent, failed or skipped, with attempts, time and the error if any.',
        components: { Field: '/components/admin/ReadOnlyCode#ReadOnlyCode' },
      },
    },
    {
      name: 'selections',
      type: 'json',
      admin: {
        readOnly: true,
        description:
          'Per reader id, the stories their topics picked (article ids), fixed at the fan-out; readers who take the whole edition are not listed.',
        components: { Field: '/components/admin/ReadOnlyCode#ReadOnlyCode' },
      },
    },
    {
      name: 'routes',
      type: 'json',
      admin: {
        readOnly: true,
        description: 'Messages of this batch per SMTP route (host:port) that took them, when SMTP_URLS lists several.',
      },
    },
    { name: 'sent', type: 'number', defaultValue: 0 },
    { name: 'failed', type: 'number', defaultValue: 0 },
    { name: 'skipped', type: 'number', defaultValue: 0 },
    {
      name: 'leaseOwner',
      type: 'text',
      admin: { readOnly: true, description: 'The worker sending this batch right now, if any.' },
    },
    { name: 'leaseExpiresAt', type: 'date', admin: { readOnly: true } },
    { name: 'finishedAt', type: 'date' },
  ],
}
