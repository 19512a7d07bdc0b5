import type { Access, CollectionConfig, Where } from 'payload'

import { adminsOnlyField, isStaffRequest, staff, staffOnlyField, systemWritten } from '@/src/access/roles'
import { authorDeletion, revalidateAuthor } from '@/src/services/site/contentChanges'
import { slugField } from '../fields/slug'
import { validateHttpUrl } from '@/src/services/platform/urls'

/** Staff writers are public; a guest only once an article of theirs is published (src/services/editorial/guestAuthors.ts). */
const publicAuthors: Access = ({ req }) => {
  if (isStaffRequest(req)) return true
  const shown: Where = {
    or: [{ isGuest: { not_equals: true } }, { isGuest: { exists: false } }, { hasPublishedArticle: { equals: true } }],
  }
  return shown
}

export const Authors: CollectionConfig = {
  slug: 'authors',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'roleLine', 'isGuest'], group: 'Magazine' },
  access: { read: publicAuthors, create: staff, update: staff, delete: staff },
  hooks: { afterChange: [revalidateAuthor], ...authorDeletion },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    slugField('name'),
    {
      name: 'roleLine',
      type: 'text',
      maxLength: 160,
      admin: { description: 'One line under the name, e.g. "Dermatologist by profession".' },
    },
    { name: 'bio', type: 'textarea', maxLength: 2000, admin: { description: 'The "About the Author" text.' } },
    { name: 'avatar', type: 'upload', relationTo: 'media' },
    {
      name: 'links',
      type: 'array',
      maxRows: 6,
      fields: [
        { name: 'label', type: 'text', required: true, maxLength: 60 },
        { name: 'url', type: 'text', required: true, maxLength: 500, validate: validateHttpUrl },
      ],
    },
    {
      name: 'isGuest',
      type: 'checkbox',
      defaultValue: false,
      admin: { position: 'sidebar', description: 'A guest contributor rather than a staff writer.' },
    },
    {
      name: 'hasPublishedArticle',
      type: 'checkbox',
      defaultValue: false,
      access: systemWritten,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'A guest appears on the site once an article of theirs is published.',
        condition: (data) => Boolean(data?.isGuest),
      },
    },
    {
      name: 'contactEmail',
      type: 'email',
      index: true,
      access: { read: adminsOnlyField, create: staffOnlyField, update: staffOnlyField },
      admin: { position: 'sidebar', description: 'Private: never shown to readers; visible to admins only.' },
    },
  ],
}
