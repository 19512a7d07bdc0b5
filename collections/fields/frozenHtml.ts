import type { Field } from 'payload'

/** A render's HTML as the pipeline froze it (an edition's snapshot, its variants): shown read-only in the admin. */
export const frozenHtmlField: Field = {
  name: 'html',
  type: 'code',
  admin: { language: 'html', components: { Field: '/components/admin/ReadOnlyCode#ReadOnlyCode' } },
}
