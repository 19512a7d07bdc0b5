import type { Access, CollectionBeforeDeleteHook, CollectionConfig, Field, Where } from 'payload'
import { APIError } from 'payload'

import { admins, isStaffRequest, staff } from '@/src/access/roles'
import { optionsFrom } from '../fields/options'
import { slugField } from '../fields/slug'
import { CADENCES, MINDFUL_MOMENTS } from '@/src/services/newsletter/newsletters'
import { applyNewsletterSchedules } from '@/src/services/digest/scheduler'
import { WEEKDAYS } from '@/src/services/digest/schedule'
import { revalidateSignUpBox } from '@/src/services/site/contentChanges'

/** Staff see every newsletter; everyone else the ones offered on the site. */
const publicOrStaff: Access = ({ req }) => {
  if (isStaffRequest(req)) return true
  const offered: Where = { public: { equals: true } }
  return offered
}

/** Admins delete newsletters, never "Mindful Moments", the magazine's digest (every reader's default). */
const adminsButNotTheDigest: Access = (args) => {
  if (!admins(args)) return false
  const others: Where = { slug: { not_equals: MINDFUL_MOMENTS } }
  return others
}

/**
 * A newsletter with editions keeps its archive and its readers' history: it is taken off the
 * site (untick "public") rather than deleted.
 */
const keepNewslettersWithHistory: CollectionBeforeDeleteHook = async ({ req, id }) => {
  const { totalDocs } = await req.payload.count({
    collection: 'editions',
    where: { newsletter: { equals: id } },
    overrideAccess: true,
    req,
  })
  if (totalDocs > 0)
    throw new APIError(
      `This newsletter has ${totalDocs} edition(s). Untick "Offered on the site" instead of deleting it.`,
      409,
      undefined,
      true,
    )
}

export const Newsletters: CollectionConfig = {
  slug: 'newsletters',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'cadence', 'public', 'defaultForNewReaders'],
    group: 'Newsletter',
    description: 'The newsletters readers can choose. Each has its own schedule, editions and readers.',
  },
  access: { read: publicOrStaff, create: staff, update: staff, delete: adminsButNotTheDigest },
  hooks: {
    afterChange: [applyNewsletterSchedules, revalidateSignUpBox],
    beforeDelete: [keepNewslettersWithHistory],
    afterDelete: [applyNewsletterSchedules, revalidateSignUpBox],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    // Readers' links name the newsletter by its slug: once made, it stays.
    { ...slugField('name'), required: true, access: { update: () => false } } as Field,
    { name: 'description', type: 'textarea', maxLength: 500 },
    {
      name: 'cadence',
      type: 'select',
      required: true,
      defaultValue: 'manual',
      options: optionsFrom(CADENCES),
      admin: {
        description:
          'How often an edition is assembled from the new stories. Manual: only when an editor sends one. Monthly: the first chosen weekday of each month.',
      },
    },
    {
      name: 'weekday',
      type: 'select',
      required: true,
      defaultValue: 'thursday',
      options: optionsFrom(WEEKDAYS),
      admin: { description: 'Monthly: the first such day of the month. Not used by manual newsletters.' },
    },
    {
      name: 'sendTime',
      type: 'text',
      required: true,
      defaultValue: '08:00',
      validate: (value: unknown) =>
        typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? true : 'Use 24-hour time, e.g. 08:00.',
      admin: { description: "In the magazine's time zone (Settings)." },
    },
    {
      name: 'defaultForNewReaders',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Pre-ticked in the sign-up box; a sign-up that chooses none gets these.' },
    },
    {
      name: 'public',
      label: 'Offered on the site',
      type: 'checkbox',
      defaultValue: true,
      admin: { description: 'Off: readers cannot choose it; its readers keep it until they leave.' },
    },
  ],
}
