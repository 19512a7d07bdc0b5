import type { CollectionConfig, FieldAccess } from 'payload'

import { adminsOnlyField, staff, systemWritten } from '@/src/access/roles'
import { optionsFrom } from '../fields/options'
import { editionEndpoints } from './endpoints'
import { revalidateDeletedEdition, revalidateEditions } from '@/src/services/site/contentChanges'
import { frozenHtmlField } from '../fields/frozenHtml'
import {
  deleteVariants,
  guardEditionChanges,
  mindfulMomentsByDefault,
  nextEditionNumberDefault,
  recordSenderChecksOverride,
} from './hooks'
import { scheduleSendJob } from './scheduleSendJob'
import { EDITION_STATUSES, isFrozen } from '@/src/services/digest/editionWorkflow'
import { letterEditor } from '@/src/services/digest/letter'

export { EDITION_STATUSES }

/** Once it is sending, what readers get is fixed: the admin shows these fields read-only. */
const editableUntilSent: FieldAccess = ({ doc }) => !isFrozen(doc?.status)

/** One edition of a newsletter ("Mindful Moments #N", or a special one): what goes out, when, and what happened. */
export const Editions: CollectionConfig = {
  slug: 'editions',
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['number', 'subject', 'newsletter', 'status', 'scheduledFor', 'stats.sent'],
    group: 'Newsletter',
    description:
      "Each edition of a newsletter: the scheduled digests and the editors' special ones. Preview it, send yourself a test, then schedule it or send it now.",
  },
  access: { read: staff, create: staff, update: staff, delete: staff },
  defaultSort: '-number',
  hooks: {
    beforeChange: [guardEditionChanges, recordSenderChecksOverride],
    afterChange: [scheduleSendJob, revalidateEditions],
    beforeDelete: [deleteVariants],
    afterDelete: [revalidateDeletedEdition],
  },
  endpoints: editionEndpoints,
  fields: [
    {
      name: 'number',
      type: 'number',
      required: true,
      defaultValue: nextEditionNumberDefault,
      unique: true,
      index: true,
      min: 1,
      access: { update: editableUntilSent },
      admin: { position: 'sidebar', description: 'The next number is proposed.' },
    },
    {
      name: 'periodKey',
      type: 'text',
      unique: true,
      index: true,
      access: systemWritten,
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: 'The schedule period this edition was assembled for.',
      },
    },
    {
      name: 'newsletter',
      type: 'relationship',
      relationTo: 'newsletters',
      index: true,
      // Not `required`: a create without it gets Mindful Moments (the default), but nobody may empty it.
      validate: (value: unknown) => (value ? true : 'Choose the newsletter this edition belongs to.'),
      access: { update: editableUntilSent },
      defaultValue: mindfulMomentsByDefault,
      admin: { position: 'sidebar', description: 'Whose readers get this edition. Left empty: Mindful Moments.' },
    },
    {
      name: 'topics',
      type: 'relationship',
      relationTo: 'categories',
      hasMany: true,
      access: { update: editableUntilSent },
      admin: {
        position: 'sidebar',
        description:
          "Only for readers who chose one of these topics. Left empty: every reader of the newsletter (each still gets only their topics' stories).",
      },
    },
    { name: 'subject', type: 'text', required: true, maxLength: 150, access: { update: editableUntilSent } },
    {
      name: 'preheader',
      type: 'text',
      maxLength: 200,
      access: { update: editableUntilSent },
      admin: {
        description: "The preview line mail apps show after the subject. Left empty, the lead article's dek is used.",
      },
    },
    {
      name: 'intro',
      label: "Editor's note",
      type: 'textarea',
      maxLength: 3000,
      access: { update: editableUntilSent },
      admin: {
        description:
          'A few words to readers, under "Hi <first name>,". A blank line starts a new paragraph. Left empty, one line introduces the stories.',
      },
    },
    {
      name: 'letter',
      type: 'richText',
      editor: letterEditor,
      access: { update: editableUntilSent },
      admin: {
        description:
          'A letter to readers, under the editor’s note: for a special edition (an announcement, a call for guest writers) it may be all there is. Pictures come from our media library; links to other sites may not carry anything about a reader.',
      },
    },
    {
      name: 'articles',
      type: 'relationship',
      relationTo: 'articles',
      hasMany: true,
      maxRows: 12,
      access: { update: editableUntilSent },
      admin: { description: 'In the order readers will see them; the first is the lead story.' },
    },
    {
      name: 'showInArchive',
      label: 'Show it in the web archive',
      type: 'checkbox',
      defaultValue: true,
      access: { update: editableUntilSent },
      admin: {
        position: 'sidebar',
        description:
          'Once sent, the edition is on the site’s newsletter archive (without anyone’s details). Untick to keep it email-only.',
      },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      index: true,
      options: optionsFrom(EDITION_STATUSES),
      admin: {
        position: 'sidebar',
        description:
          'Draft or scheduled by hand; sending, paused (the brake), sent and cancelled are set by the pipeline and admins.',
      },
    },
    {
      name: 'scheduledFor',
      type: 'date',
      index: true,
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: 'When a scheduled edition goes out.',
      },
    },
    {
      name: 'overrideSenderChecks',
      label: 'Send despite failing sender checks',
      type: 'checkbox',
      defaultValue: false,
      access: { create: adminsOnlyField, update: adminsOnlyField },
      admin: {
        position: 'sidebar',
        description:
          'Admins only. An edition to many readers does not start while a sender check (npm run doctor) fails; tick this to send it anyway. Who ticked it, and when, is kept below.',
      },
    },
    {
      name: 'senderChecksOverriddenBy',
      // The admin's address as it was: the record stays when the account goes.
      type: 'text',
      access: systemWritten,
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.overrideSenderChecks) },
    },
    {
      name: 'senderChecksOverriddenAt',
      type: 'date',
      access: systemWritten,
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.overrideSenderChecks) },
    },
    {
      name: 'sendPanel',
      type: 'ui',
      admin: { components: { Field: '/components/admin/EditionPanel#EditionPanel' } },
    },
    {
      name: 'sendError',
      type: 'text',
      access: systemWritten,
      admin: { readOnly: true, condition: (data) => Boolean(data?.sendError) },
    },
    {
      name: 'brake',
      type: 'group',
      label: 'The brake',
      // Written by the brake and by an admin's resume or cancel, never through the API.
      access: systemWritten,
      admin: {
        readOnly: true,
        condition: (data) => Boolean(data?.brake?.pausedAt),
        description:
          'Sending pauses by itself when complaints or hard bounces pass their threshold; an admin resumes or cancels it.',
      },
      fields: [
        { name: 'pausedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        {
          name: 'complaintsForgiven',
          type: 'number',
          admin: { description: 'Complaints already counted when an admin resumed: they do not pause it again.' },
        },
        { name: 'bouncesForgiven', type: 'number' },
        { name: 'decision', type: 'text' },
        { name: 'decidedBy', type: 'text' },
        { name: 'decidedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'snapshot',
      type: 'group',
      // Written by the pipeline alone: an edition's HTML never comes from a request (a planted snapshot would go out as is).
      access: systemWritten,
      admin: {
        description: 'Frozen at send time: exactly what readers received (their own links aside).',
        readOnly: true,
      },
      fields: [
        { name: 'subject', type: 'text' },
        frozenHtmlField,
        { name: 'text', type: 'textarea' },
        { name: 'renderedAt', type: 'date' },
        { name: 'renderMs', type: 'number', admin: { description: 'How long the one render took.' } },
        // The stories and their categories as frozen: readers' topics pick from these, whatever changes later.
        { name: 'stories', type: 'json', admin: { hidden: true } },
        // Where each reader's values go in this snapshot: random per render, so nobody can write them in beforehand.
        { name: 'placeholderKey', type: 'text', access: { read: () => false }, admin: { hidden: true } },
      ],
    },
    {
      name: 'stats',
      type: 'group',
      admin: { readOnly: true },
      access: systemWritten,
      fields: [
        { name: 'recipients', type: 'number' },
        { name: 'sent', type: 'number' },
        { name: 'failed', type: 'number' },
        { name: 'skipped', type: 'number' },
        { name: 'startedAt', type: 'date' },
        { name: 'finishedAt', type: 'date' },
        { name: 'durationSeconds', type: 'number' },
      ],
    },
    {
      name: 'emailEvents',
      label: 'Bounces and complaints reported by the mail provider',
      type: 'join',
      collection: 'email-events',
      on: 'edition',
      defaultSort: '-occurredAt',
      admin: { defaultColumns: ['occurredAt', 'provider', 'type', 'effect', 'subscriber'] },
    },
  ],
}
