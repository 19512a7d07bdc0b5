import type { CollectionBeforeChangeHook, Field } from 'payload'

import { neverRead } from '@/src/access/roles'
import { newLinkKey } from '@/src/services/platform/recordLinks'

/** The random key a record's links carry (src/services/platform/recordLinks.ts): written once, read by the server only. */
export const linkKeyField: Field = { name: 'linkKey', type: 'text', access: neverRead, admin: { hidden: true } }

/** Every new record gets its own key, whoever creates it. */
export const assignLinkKey: CollectionBeforeChangeHook = ({ data, operation }) => {
  if (operation === 'create') data.linkKey = newLinkKey()
  return data
}
