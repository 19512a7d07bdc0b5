import type { CollectionConfig } from 'payload'

import { anyone, staff } from '@/src/access/roles'
import { categoryDeletion, revalidateCategory } from '@/src/services/site/contentChanges'
import { slugField } from './fields/slug'

export const Categories: CollectionConfig = {
  slug: 'categories',
  admin: { useAsTitle: 'name', group: 'Magazine' },
  access: { read: anyone, create: staff, update: staff, delete: staff },
  hooks: { afterChange: [revalidateCategory], ...categoryDeletion },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    slugField('name'),
    { name: 'description', type: 'textarea', maxLength: 500 },
  ],
}
