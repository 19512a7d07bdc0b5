import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { anyone, staff, systemWritten } from '@/src/access/roles'
import { mediaDeletion, revalidateMedia } from '@/src/services/site/contentChanges'
import { env } from '@/src/env'

export const IMMUTABLE = 'public, max-age=31536000, immutable'

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { group: 'Magazine' },
  access: { read: anyone, create: staff, update: staff, delete: staff },
  hooks: { afterChange: [revalidateMedia], ...mediaDeletion },
  upload: {
    staticDir: path.join(env().dataDir, 'media'),
    mimeTypes: ['image/*'],
    // A picture's address names one file for good: Payload numbers a new file whose name is
    // taken (by any document, this one included), so a replaced picture gets a new address and
    // browsers and proxies may keep each one for a year without asking again.
    modifyResponseHeaders: ({ headers }) => {
      headers.set('cache-control', IMMUTABLE)
      return headers
    },
    imageSizes: [
      { name: 'card', width: 640 },
      { name: 'hero', width: 1600 },
      // Social cards (OpenGraph, Twitter) want 1200×630; author portraits are square.
      { name: 'social', width: 1200, height: 630, position: 'centre' },
      { name: 'portrait', width: 320, height: 320, position: 'centre' },
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
    {
      // The storage plugin's key prefix in the bucket (it merges this definition into its own
      // field). Written by the system alone: through the API, staff could otherwise choose where
      // in the bucket a file lands, or point a picture at another object.
      name: 'prefix',
      type: 'text',
      access: systemWritten,
      admin: { hidden: true },
    },
  ],
}
