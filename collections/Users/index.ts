import type { CollectionConfig, FieldHook } from 'payload'

import { admins, adminsOnlyField, adminsOrSelf } from '../../src/access/roles'

/** The very first account is always an admin, so a fresh install can be administered. */
const firstUserIsAdmin: FieldHook = async ({ req, operation, value }) => {
  if (operation !== 'create') return value
  const { totalDocs } = await req.payload.count({ collection: 'users', overrideAccess: true, req })
  return totalDocs === 0 ? 'admin' : value
}

export const Users: CollectionConfig = {
  slug: 'users',
  auth: { maxLoginAttempts: 10, lockTime: 10 * 60 * 1000 },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'email', 'role'], group: 'Staff' },
  access: {
    admin: ({ req }) => Boolean(req.user),
    read: adminsOrSelf,
    create: admins,
    update: adminsOrSelf,
    delete: admins,
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Editor', value: 'editor' },
      ],
      saveToJWT: true,
      access: { create: adminsOnlyField, update: adminsOnlyField },
      hooks: { beforeChange: [firstUserIsAdmin] },
      admin: { description: 'Admins manage accounts, settings and subscribers; editors run the magazine.' },
    },
  ],
}
