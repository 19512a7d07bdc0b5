import { z } from 'zod'

import { MAX_ADDRESS, normalizeEmail } from './emailAddress'
import { PublicRequestError, type FieldErrors } from './publicRequests'

/** Field rules shared by the public forms, and the one way their errors reach a person. */

/** A single line of text: no line breaks (they would inject mail headers), no control characters. */
export const singleLine = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, `${what} can be at most ${max} characters.`)
    .refine(
      (value) => !/[\u0000-\u001f\u007f]/.test(value),
      `${what} cannot contain line breaks or control characters.`,
    )

/** One plain email address, within RFC 5321's length. */
export const emailField = () =>
  z
    .string({ error: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address.')
    .max(MAX_ADDRESS, `An email address has at most ${MAX_ADDRESS} characters.`)
    .refine((value) => normalizeEmail(value) !== undefined, 'Enter a valid email address, like name@example.org.')

/**
 * Slugs chosen with checkboxes: one value or several (a form repeats the name), or a JSON
 * array; none at all is an empty list.
 */
export const slugList = (what: string) =>
  z
    .union([z.string(), z.array(z.string({ error: `Each of ${what} is a short name.` }))], {
      error: `${what} is a list of short names.`,
    })
    .transform((value) => (Array.isArray(value) ? value : [value]).map((slug) => slug.trim()).filter(Boolean))
    .refine((slugs) => slugs.length <= 50, `Choose at most 50 ${what}.`)
    .refine(
      (slugs) => slugs.every((slug) => /^[a-z0-9-]{1,80}$/.test(slug)),
      `${what} are short names of lowercase letters, digits and hyphens.`,
    )

/** The parsed data, or a 400 naming the first problem of each field. */
export function parseFields<T extends z.ZodType>(schema: T, data: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'body')] ??= issue.message
  throw new PublicRequestError(400, 'Please check the highlighted fields.', errors)
}
