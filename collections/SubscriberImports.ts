import { rm } from 'node:fs/promises'
import type { CollectionAfterDeleteHook, CollectionConfig } from 'payload'

import { admins, nobody } from '@/src/access/roles'
import { importFilePath, rejectedFilePath } from '@/src/services/newsletter/subscriberImport'
import { optionsFrom } from './fields/options'

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const

/** The rejected lines repeat addresses: they go with the import's record. */
const removeImportFiles: CollectionAfterDeleteHook = async ({ doc }) => {
  await Promise.all(
    [importFilePath(doc.storedAs), rejectedFilePath(doc.storedAs)].map((file) => rm(file, { force: true })),
  )
}

/**
 * A list of readers brought from another service, imported in the background by the
 * worker. The file waits under DATA_DIR/imports (shared by web and worker, like media);
 * `processed` is the checkpoint a restarted import resumes from. Counts only: no address
 * is kept here.
 */
export const SubscriberImports: CollectionConfig = {
  slug: 'subscriber-imports',
  labels: { singular: 'Subscriber import', plural: 'Subscriber imports' },
  admin: {
    group: 'Newsletter',
    useAsTitle: 'fileName',
    defaultColumns: [
      'createdAt',
      'fileName',
      'status',
      'processed',
      'imported',
      'alreadySubscribed',
      'suppressed',
      'rejected',
    ],
    description: 'CSV imports of readers who consented elsewhere. Start one from the Subscribers list.',
  },
  access: { read: admins, create: nobody, update: nobody, delete: admins },
  defaultSort: '-createdAt',
  hooks: { afterDelete: [removeImportFiles] },
  fields: [
    {
      name: 'newsletter',
      type: 'relationship',
      relationTo: 'newsletters',
      admin: {
        readOnly: true,
        position: 'sidebar',
        description:
          'Imported into this newsletter: every row joins it. Empty: rows without a newsletters column get the default ones.',
      },
    },
    // The file's name on the server (a random id): the uploaded name is never used as a path.
    { name: 'storedAs', type: 'text', required: true, unique: true, admin: { hidden: true } },
    // The report in words (and the bar while it runs) first; the figures it is made of below.
    {
      name: 'progress',
      type: 'ui',
      admin: { components: { Field: '/components/admin/ImportProgress#ImportProgress' } },
    },
    {
      name: 'fileName',
      type: 'text',
      maxLength: 200,
      admin: { readOnly: true, description: 'The name the file was uploaded with.' },
    },
    { name: 'bytes', type: 'number', admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: optionsFrom(IMPORT_STATUSES),
      admin: { readOnly: true },
    },
    {
      name: 'processed',
      type: 'number',
      defaultValue: 0,
      admin: { readOnly: true, description: 'Rows read and settled so far.' },
    },
    // How far into the file those rows end: the progress bar's measure (a file's row count is known only at its end).
    { name: 'bytesRead', type: 'number', defaultValue: 0, admin: { hidden: true } },
    { name: 'imported', type: 'number', defaultValue: 0, admin: { readOnly: true } },
    { name: 'alreadySubscribed', type: 'number', defaultValue: 0, admin: { readOnly: true } },
    {
      name: 'suppressed',
      type: 'number',
      defaultValue: 0,
      admin: { readOnly: true, description: 'Erased or complained earlier: never re-added.' },
    },
    { name: 'rejected', type: 'number', defaultValue: 0, admin: { readOnly: true } },
    { name: 'rejectedBytes', type: 'number', defaultValue: 0, admin: { hidden: true } },
    { name: 'error', type: 'text', admin: { readOnly: true, condition: (data) => Boolean(data?.error) } },
    { name: 'startedAt', type: 'date', admin: { readOnly: true } },
    { name: 'finishedAt', type: 'date', admin: { readOnly: true } },
  ],
}
