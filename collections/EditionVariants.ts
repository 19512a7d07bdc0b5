import type { CollectionConfig } from 'payload'

import { admins, nobody, staff } from '@/src/access/roles'
import { frozenHtmlField } from './fields/frozenHtml'

/**
 * The other renders of an edition: one per distinct set of stories that readers' topics
 * pick from it (the edition's own snapshot is the whole edition). Written by the pipeline
 * alone, like the snapshot: what is here goes out as is.
 */
export const EditionVariants: CollectionConfig = {
  slug: 'edition-variants',
  labels: { singular: 'Edition variant', plural: 'Edition variants' },
  admin: {
    useAsTitle: 'stories',
    defaultColumns: ['edition', 'stories', 'renderedAt', 'renderMs'],
    group: 'Newsletter',
    description: 'An edition as readers of some topics received it: only their stories, with its own lead.',
  },
  access: { read: staff, create: nobody, update: nobody, delete: admins },
  indexes: [{ fields: ['edition', 'stories'], unique: true }],
  fields: [
    { name: 'edition', type: 'relationship', relationTo: 'editions', required: true, index: true },
    {
      name: 'stories',
      type: 'text',
      required: true,
      admin: { description: 'The article ids of this render, in the edition’s order.' },
    },
    { name: 'subject', type: 'text' },
    frozenHtmlField,
    { name: 'text', type: 'textarea' },
    { name: 'renderedAt', type: 'date' },
    { name: 'renderMs', type: 'number' },
  ],
}
