import { Forbidden, type CollectionBeforeOperationHook, type CollectionConfig, type FieldHook } from 'payload'

import { admins, adminsOnlyField, adminsOrSelf } from '@/src/access/roles'
import { env } from '@/src/env'

/** The very first account is always an admin, so a fresh install can be administered. */
const firstUserIsAdmin: FieldHook = async ({ req, operation, value }) => {
  if (operation !== 'create') return value
  const { totalDocs } = await req.payload.count({ collection: 'users', overrideAccess: true, req })
  return totalDocs === 0 ? 'admin' : value
}

/**
 * With ADMIN_EMAIL set, the first account is the one start-up makes: nobody may register
 * it over the web first ("create first user" on a fresh instance). Without it, Payload
 * allows that registration only while there is no account at all.
 */
const noWebRegistrationWithConfiguredAdmin: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'create' && !req.user && req.payloadAPI !== 'local' && env().admin) throw new Forbidden(req.t)
  return args
}

export const Users: CollectionConfig = {
  slug: 'users',
  auth: {
    maxLoginAttempts: 10,
    lockTime: 10 * 60 * 1000,
    // Over https the session cookie is never sent in the clear.
    cookies: { secure: env().publicUrl.startsWith('https://'), sameSite: 'Lax' },
  },
  hooks: { beforeOperation: [noWebRegistrationWithConfiguredAdmin] },
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
