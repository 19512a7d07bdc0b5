import type { CollectionConfig } from 'payload'

import { publishedOrStaff, staff } from '@/src/access/roles'
import { slugField } from '../fields/slug'
import { notifyContributorOfPublication } from '@/src/services/editorial/contributorNotifications'
import { revealGuestAuthors } from '@/src/services/editorial/guestAuthors'
import { revalidateArticle, revalidateDeletedArticle } from '@/src/services/site/contentChanges'
import { computeReadingTime, fillExcerpt, stampPublishedAt } from './hooks'
import { articleEditor } from '@/src/services/editorial/articleEditor'

export const Articles: CollectionConfig = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'category', '_status', 'publishedAt'],
    group: 'Magazine',
    // "Preview" opens the draft on the site as readers will see it (staff only; src/app/(site)/preview).
    preview: (doc) => (doc?.id ? `/preview/articles/${String(doc.id)}` : null),
  },
  access: { read: publishedOrStaff, create: staff, update: staff, delete: staff, readVersions: staff },
  versions: {
    maxPerDoc: 50,
    drafts: { autosave: { interval: 1500 }, schedulePublish: true },
  },
  defaultSort: '-publishedAt',
  hooks: {
    beforeChange: [stampPublishedAt, fillExcerpt, computeReadingTime],
    afterChange: [revealGuestAuthors, notifyContributorOfPublication, revalidateArticle],
    afterDelete: [revalidateDeletedArticle],
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    slugField('title'),
    { name: 'category', type: 'relationship', relationTo: 'categories', index: true, admin: { position: 'sidebar' } },
    {
      name: 'dek',
      type: 'textarea',
      maxLength: 400,
      admin: { description: 'The line under the title that says why to read on.' },
    },
    { name: 'heroImage', type: 'upload', relationTo: 'media' },
    { name: 'body', type: 'richText', editor: articleEditor },
    {
      name: 'authors',
      type: 'relationship',
      relationTo: 'authors',
      hasMany: true,
      required: true,
      minRows: 1,
      admin: { position: 'sidebar' },
    },
    {
      name: 'excerpt',
      type: 'textarea',
      maxLength: 400,
      admin: { description: 'For cards and the digest. Left empty, the dek (or the start of the text) is used.' },
    },
    {
      name: 'readingTime',
      type: 'number',
      admin: { readOnly: true, position: 'sidebar', description: 'Minutes, computed from the text.' },
    },
    {
      name: 'publishedAt',
      type: 'date',
      index: true,
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'submission',
      type: 'relationship',
      relationTo: 'submissions',
      admin: { position: 'sidebar', readOnly: true, description: 'The guest submission this article came from.' },
    },
    {
      name: 'includeInDigest',
      type: 'checkbox',
      defaultValue: true,
      admin: { position: 'sidebar', description: 'Offer this article to the next "Mindful Moments" edition.' },
    },
  ],
}
