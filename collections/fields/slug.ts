import type { Field, FieldHook } from 'payload'

/** Lowercase ASCII words joined by hyphens: "How to Regain a Partner’s Lost Trust" → "how-to-regain-a-partners-lost-trust". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
}

const slugFrom =
  (sourceField: string): FieldHook =>
  ({ value, data, originalDoc }) => {
    if (typeof value === 'string' && value.trim()) return slugify(value)
    const source = data?.[sourceField] ?? originalDoc?.[sourceField]
    return typeof source === 'string' ? slugify(source) : value
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
