import type { Field, FieldHook } from 'payload'
import { slugify } from '@/src/services/platform/text'

/** `base`, or `base-2`, `base-3`… whichever no other document of the collection has yet. */
async function firstFreeSlug(base: string, args: Parameters<FieldHook>[0]): Promise<string> {
  const { req, collection, originalDoc } = args
  if (!collection) return base
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    const { totalDocs } = await req.payload.count({
      collection: collection.slug as 'articles',
      where: {
        and: [{ slug: { equals: candidate } }, ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : [])],
      },
      overrideAccess: true,
      req,
    })
    if (totalDocs === 0 || n > 50) return candidate
  }
}

/**
 * A slug set by hand is kept (a duplicate is then refused, for the editor to resolve); one
 * made from the source field is numbered until it is free, so two articles may share a title.
 */
const slugFrom =
  (sourceField: string): FieldHook =>
  async (args) => {
    const { value, data, originalDoc } = args
    if (typeof value === 'string' && value.trim()) return slugify(value)
    const source = data?.[sourceField] ?? originalDoc?.[sourceField]
    return typeof source === 'string' && slugify(source) ? firstFreeSlug(slugify(source), args) : value
  }

/** A unique, indexed slug that follows `sourceField` until someone sets it by hand. */
export function slugField(sourceField = 'title'): Field {
  return {
    name: 'slug',
    type: 'text',
    index: true,
    unique: true,
    admin: { position: 'sidebar', description: `Made from the ${sourceField} when left empty.` },
    hooks: { beforeValidate: [slugFrom(sourceField)] },
    validate: (value: unknown) =>
      typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
        ? true
        : 'A slug is lowercase letters, digits and single hyphens, e.g. "mindful-dating".',
  }
}
