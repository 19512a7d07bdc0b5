import {
  Forbidden,
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type FieldHook,
  type PayloadRequest,
} from 'payload'

import { admins, adminsOnlyField, adminsOrSelf } from '@/src/access/roles'
import { env } from '@/src/env'

/** The very first account is always an admin, so a fresh install can be administered. */
const firstUserIsAdmin: FieldHook = async ({ req, operation, value }) => {
  if (operation !== 'create') return value
  return (await anyUserExists(req)) ? value : 'admin'
}

/**
 * One document looked up, not a count: on MongoDB a count with no filter is the `count`
 * command (estimatedDocumentCount), which a multi-document transaction refuses, and every
 * create on a replica set runs in one.
 */
async function anyUserExists(req: PayloadRequest): Promise<boolean> {
  const { docs } = await req.payload.find({
    collection: 'users',
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    select: {},
    req,
  })
  return docs.length > 0
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
