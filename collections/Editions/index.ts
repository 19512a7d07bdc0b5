import type { CollectionConfig } from 'payload'

import { staff } from '../../src/access/roles'
import { optionsFrom } from '../fields/options'

export const EDITION_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'failed'] as const

/** One "Mindful Moments #N" digest: what goes out, when, and what happened. */
export const Editions: CollectionConfig = {
  slug: 'editions',
  admin: { useAsTitle: 'subject', defaultColumns: ['number', 'subject', 'status', 'scheduledFor'], group: 'Newsletter' },
  access: { read: staff, create: staff, update: staff, delete: staff },
  defaultSort: '-number',
  fields: [
    { name: 'number', type: 'number', required: true, unique: true, index: true, min: 1, admin: { position: 'sidebar' } },
    {
      name: 'periodKey',
      type: 'text',
      unique: true,
      index: true,
      admin: { readOnly: true, position: 'sidebar', description: 'The schedule period this edition was assembled for.' },
    },
    { name: 'subject', type: 'text', required: true, maxLength: 150 },
    { name: 'preheader', type: 'text', maxLength: 200, admin: { description: 'The preview line mail apps show after the subject.' } },
    { name: 'intro', type: 'textarea', maxLength: 3000, admin: { description: "The editor's note at the top." } },
    {
      name: 'articles',
      type: 'relationship',
      relationTo: 'articles',
      hasMany: true,
      admin: { description: 'In the order readers will see them; the first is the lead story.' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      index: true,
      options: optionsFrom(EDITION_STATUSES),
      admin: { position: 'sidebar' },
    },
    { name: 'scheduledFor', type: 'date', index: true, admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'snapshot',
      type: 'group',
      admin: { description: 'Frozen at send time: exactly what readers received.', readOnly: true },
      fields: [
        { name: 'subject', type: 'text' },
        { name: 'html', type: 'code', admin: { language: 'html' } },
        { name: 'text', type: 'textarea' },
        { name: 'renderedAt', type: 'date' },
      ],
    },
    {
      name: 'stats',
      type: 'group',
      admin: { readOnly: true },
      fields: [
        { name: 'recipients', type: 'number' },
        { name: 'sent', type: 'number' },
        { name: 'failed', type: 'number' },
        { name: 'skipped', type: 'number' },
        { name: 'startedAt', type: 'date' },
        { name: 'finishedAt', type: 'date' },
      ],
    },
  ],
}
