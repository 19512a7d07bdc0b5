import type { CollectionConfig, Field, FieldHook } from 'payload'

import { admins, adminsOnlyField, staff, systemWritten } from '@/src/access/roles'
import { assignLinkKey, linkKeyField } from '../fields/linkKey'
import { normalizeEmail } from '@/src/services/platform/emailAddress'
import { subscriberEndpoints } from './endpoints'
import { countUnsubscribe, eraseTraces, joinDefaultNewsletters } from './hooks'
import { SUBSCRIBER_STATUSES } from '@/src/services/newsletter/subscriberStatuses'
import { optionsFrom } from '../fields/options'

/** Every path (admin, REST, import) stores the one canonical form, so uniqueness holds. */
const storeNormalizedEmail: FieldHook = ({ value }) =>
  typeof value === 'string' ? (normalizeEmail(value) ?? value.trim()) : value

/** The evidence of consent: a reader's, and a sign-up's that waits for confirmation. */
const consentFields: Field[] = [
  { name: 'givenAt', type: 'date', admin: { readOnly: true } },
  { name: 'source', type: 'text', maxLength: 80, admin: { readOnly: true } },
  { name: 'wording', type: 'textarea', maxLength: 2000, admin: { readOnly: true } },
  { name: 'wordingVersion', type: 'text', maxLength: 40, admin: { readOnly: true } },
]

export const Subscribers: CollectionConfig = {
  slug: 'subscribers',
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'status', 'newsletters', 'consent.source', 'confirmedAt', 'unsubscribedAt'],
    group: 'Newsletter',
    description: 'Readers of our newsletters. Addresses are visible to admins only.',
    components: { beforeListTable: ['/components/admin/SubscriberImport#SubscriberImport'] },
  },
  // Staff may see counts and statuses; the person behind a record is for admins only.
  access: { read: staff, create: admins, update: admins, delete: admins },
  hooks: {
    beforeChange: [assignLinkKey, joinDefaultNewsletters],
    afterChange: [countUnsubscribe],
    beforeDelete: [eraseTraces],
  },
  endpoints: subscriberEndpoints,
  fields: [
    {
      name: 'privacyTools',
      type: 'ui',
      admin: { components: { Field: '/components/admin/SubscriberExportLink#SubscriberExportLink' } },
    },
    {
      name: 'email',
      type: 'email',
      required: true,
      unique: true,
      index: true,
      access: { read: adminsOnlyField },
      hooks: { beforeValidate: [storeNormalizedEmail] },
      validate: (value: unknown) =>
        typeof value === 'string' && normalizeEmail(value) ? true : 'Enter one valid email address.',
    },
    { name: 'firstName', type: 'text', maxLength: 80, access: { read: adminsOnlyField } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: optionsFrom(SUBSCRIBER_STATUSES),
      admin: { position: 'sidebar' },
    },
    {
      name: 'consent',
      type: 'group',
      admin: { description: 'The evidence of consent: when, where, and the exact words the reader agreed to.' },
      fields: consentFields,
    },
    { name: 'confirmedAt', type: 'date', admin: { position: 'sidebar', readOnly: true } },
    { name: 'unsubscribedAt', type: 'date', admin: { position: 'sidebar', readOnly: true } },
    // The reader's own choice (their sign-up, their manage page, an admin's import), never set by staff by hand.
    {
      name: 'newsletters',
      type: 'relationship',
      relationTo: 'newsletters',
      hasMany: true,
      index: true,
      access: { read: adminsOnlyField, ...systemWritten },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'The newsletters this reader gets.',
      },
    },
    {
      name: 'newsletterConsents',
      label: 'Consent per newsletter',
      type: 'array',
      access: { read: adminsOnlyField, ...systemWritten },
      admin: {
        readOnly: true,
        description: 'For each newsletter the reader is in: when, where, and the words they agreed to.',
      },
      fields: [{ name: 'newsletter', type: 'relationship', relationTo: 'newsletters' }, ...consentFields],
    },
    // The reader's own choice (their manage page, their sign-up, an admin's import): which stories they want, never set by staff by hand.
    {
      name: 'topics',
      type: 'relationship',
      relationTo: 'categories',
      hasMany: true,
      access: { read: adminsOnlyField, ...systemWritten },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'The categories this reader chose; none means every story.',
      },
    },
    // Written only by the reader's own pause link: staff see that a reader takes a break, never set one for them.
    {
      name: 'pausedUntil',
      type: 'date',
      access: systemWritten,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'The reader paused their emails; editions that start before this time skip them.',
        condition: (data) => Boolean(data?.pausedUntil),
      },
    },
    {
      name: 'pendingSignUp',
      type: 'group',
      access: { read: adminsOnlyField, ...systemWritten },
      admin: {
        readOnly: true,
        description:
          'A sign-up for this address made while the reader was not subscribed. Nothing above changes unless the reader confirms it from their inbox.',
        condition: (data) => Boolean(data?.pendingSignUp?.requestedAt),
      },
      fields: [
        { name: 'requestedAt', type: 'date' },
        { name: 'firstName', type: 'text', maxLength: 80 },
        { name: 'topics', type: 'relationship', relationTo: 'categories', hasMany: true },
        { name: 'newsletters', type: 'relationship', relationTo: 'newsletters', hasMany: true },
        {
          name: 'consent',
          type: 'group',
          fields: consentFields,
        },
      ],
    },
    {
      name: 'addressChange',
      type: 'group',
      access: { read: adminsOnlyField, ...systemWritten },
      admin: {
        readOnly: true,
        description:
          'A new address the reader asked for on their subscription page. It replaces the address above only once the reader confirms it from that inbox.',
        condition: (data) => Boolean(data?.addressChange?.email),
      },
      fields: [
        { name: 'email', type: 'email' },
        { name: 'requestedAt', type: 'date' },
        // Ties the emailed link to this one request: a later request makes the earlier link useless.
        { name: 'nonce', type: 'text', admin: { hidden: true } },
      ],
    },
    // Which CSV import brought this reader, and from which row: a resumed import tells its own rows from the file's duplicates.
    // Plain values, not a relationship: deleting an import's record leaves its readers as they are.
    {
      name: 'importId',
      type: 'text',
      index: true,
      access: systemWritten,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'The CSV import that brought this reader, if one did.',
      },
    },
    {
      name: 'importRow',
      type: 'number',
      access: systemWritten,
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.importId) },
    },
    {
      name: 'bounceCount',
      type: 'number',
      defaultValue: 0,
      min: 0,
      access: systemWritten,
      admin: { position: 'sidebar', readOnly: true },
    },
    { name: 'lastBounceAt', type: 'date', access: systemWritten, admin: { position: 'sidebar', readOnly: true } },
    linkKeyField,
    {
      name: 'emailEvents',
      label: 'What the mail provider reported',
      type: 'join',
      collection: 'email-events',
      on: 'subscriber',
      defaultSort: '-occurredAt',
      admin: { defaultColumns: ['occurredAt', 'provider', 'type', 'effect', 'edition'] },
    },
  ],
}
