import type { CollectionConfig } from 'payload'

import { admins, staff, systemWritten } from '@/src/access/roles'
import { assignLinkKey, linkKeyField } from '../fields/linkKey'
import { validateHttpUrl } from '@/src/services/platform/urls'
import { notifyContributorOfStatus } from '@/src/services/editorial/contributorNotifications'
import { draftArticleOnAcceptance, enforceWorkflow } from './hooks'
import { SUBMISSION_STATUSES } from '@/src/services/editorial/submissionWorkflow'
import { optionsFrom } from '../fields/options'

const statusOptions = optionsFrom(SUBMISSION_STATUSES)

/** Guest contributions. Created by the public form (no account); staff only through the API. */
export const Submissions: CollectionConfig = {
  slug: 'submissions',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['reference', 'title', 'status', 'age', 'reviewer'],
    group: 'Editorial',
    description: 'The review queue: what needs an editor first, oldest first.',
  },
  defaultSort: ['queueOrder', 'createdAt'],
  access: { read: staff, create: staff, update: staff, delete: admins },
  hooks: {
    beforeChange: [assignLinkKey, enforceWorkflow, draftArticleOnAcceptance],
    afterChange: [notifyContributorOfStatus],
  },
  fields: [
    {
      name: 'reference',
      type: 'text',
      unique: true,
      index: true,
      access: systemWritten,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'received',
      index: true,
      options: statusOptions,
      admin: { position: 'sidebar' },
    },
    {
      name: 'decision',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/components/admin/SubmissionActions#SubmissionActions' } },
    },
    { name: 'age', type: 'ui', admin: { components: { Cell: '/components/admin/SubmissionAge#SubmissionAge' } } },
    { name: 'queueOrder', type: 'number', index: true, access: systemWritten, admin: { hidden: true } },
    {
      name: 'transitionMessage',
      type: 'textarea',
      virtual: true,
      maxLength: 5000,
      // Set through the Decision buttons (or the API) together with the new status.
      admin: {
        hidden: true,
        description: 'Sent to the contributor with the next change of status, and kept in the history.',
      },
    },
    { name: 'reviewer', type: 'relationship', relationTo: 'users', admin: { position: 'sidebar' } },
    {
      name: 'bylineAuthor',
      label: 'Byline on acceptance',
      type: 'relationship',
      relationTo: 'authors',
      admin: {
        position: 'sidebar',
        description:
          'Leave empty to make a new guest author from the form. Choose an author only when you know it is the same person: the address on a submission is not proven.',
      },
    },
    {
      name: 'category',
      type: 'relationship',
      relationTo: 'categories',
      admin: {
        position: 'sidebar',
        description: 'For the article made on acceptance; empty means "Guest Contributor".',
      },
    },
    {
      type: 'group',
      name: 'contributor',
      fields: [
        { name: 'name', type: 'text', required: true, maxLength: 120 },
        { name: 'email', type: 'email', required: true, index: true },
        { name: 'roleLine', type: 'text', maxLength: 160 },
        { name: 'bio', type: 'textarea', maxLength: 2000 },
        {
          name: 'links',
          type: 'array',
          maxRows: 6,
          fields: [{ name: 'url', type: 'text', required: true, maxLength: 500, validate: validateHttpUrl }],
        },
      ],
    },
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'pitch', type: 'textarea', required: true, maxLength: 2000 },
    {
      name: 'body',
      type: 'textarea',
      maxLength: 100_000,
      admin: { description: 'Markdown, as the contributor wrote it.' },
    },
    {
      name: 'revisions',
      type: 'array',
      admin: { description: 'Earlier and later versions sent by the contributor, numbered.' },
      fields: [
        { name: 'number', type: 'number', required: true },
        { name: 'title', type: 'text', maxLength: 200 },
        { name: 'pitch', type: 'textarea', maxLength: 2000 },
        { name: 'body', type: 'textarea', maxLength: 100_000 },
        { name: 'note', type: 'textarea', maxLength: 2000 },
        { name: 'submittedAt', type: 'date' },
      ],
    },
    {
      name: 'editorNotes',
      type: 'textarea',
      maxLength: 10_000,
      admin: { description: 'Internal: never shown to the contributor.' },
    },
    {
      name: 'history',
      type: 'array',
      // The record of who decided what: written by the workflow alone.
      access: systemWritten,
      admin: { readOnly: true, description: 'Every change of status: who, when, and the message sent.' },
      fields: [
        { name: 'from', type: 'select', options: statusOptions },
        { name: 'to', type: 'select', options: statusOptions, required: true },
        { name: 'at', type: 'date', required: true },
        { name: 'by', type: 'relationship', relationTo: 'users' },
        { name: 'message', type: 'textarea', maxLength: 5000 },
      ],
    },
    {
      name: 'article',
      type: 'relationship',
      relationTo: 'articles',
      access: systemWritten,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'author',
      type: 'relationship',
      relationTo: 'authors',
      access: systemWritten,
      admin: { position: 'sidebar', readOnly: true },
    },
    linkKeyField,
    { name: 'termsAcceptedAt', type: 'date', access: systemWritten, admin: { position: 'sidebar', readOnly: true } },
  ],
}
