import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { anyone, staff } from '../src/access/roles'
import { env } from '../src/env'

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { group: 'Magazine' },
  access: { read: anyone, create: staff, update: staff, delete: staff },
  upload: {
    staticDir: path.join(env().dataDir, 'media'),
    mimeTypes: ['image/*'],
    imageSizes: [
      { name: 'card', width: 640 },
      { name: 'hero', width: 1600 },
    ],
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      maxLength: 250,
      admin: { description: 'Describes the picture for readers who cannot see it (also used in emails).' },
    },
    { name: 'credit', type: 'text', maxLength: 200 },
  ],
}
