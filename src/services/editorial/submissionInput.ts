import { z } from 'zod'

import { validateHttpUrl } from '@/src/services/platform/urls'
import { normalizeEmail } from '../platform/emailAddress'
import { emailField, parseFields, singleLine } from '../platform/inputFields'

/** What a guest contributor sends through /contribute, checked field by field. */

const CONTROL_EXCEPT_NEWLINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

const required = (max: number, what: string) => singleLine(max, what).min(1, `Please fill in ${what.toLowerCase()}.`)

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .max(max, `${what} can be at most ${max.toLocaleString('en')} characters.`)
    .refine((value) => !CONTROL_EXCEPT_NEWLINES.test(value), `${what} contains characters we cannot store.`)

/** Forms send links one per line; JSON sends an array. */
const links = z
  .union([z.array(z.string({ error: 'Each link must be text.' })), z.string()], {
    error: 'Links must be a list of web addresses.',
  })
  .transform((value) =>
    (typeof value === 'string' ? value.split(/\r?\n/) : value).map((link) => link.trim()).filter(Boolean),
  )
  .refine((value) => value.length <= 6, 'At most 6 links.')
  .refine(
    (value) => value.every((link) => link.length <= 500 && validateHttpUrl(link) === true),
    'Each link must start with https:// or http://.',
  )

const submissionSchema = z.object({
  name: required(120, 'Your name'),
  email: emailField(),
  bio: text(2000, 'Your bio').refine(
    (value) => value.trim().length > 0,
    'Please tell readers a little about yourself.',
  ),
  roleLine: singleLine(160, 'Your role line').optional(),
  links: links.optional(),
  title: required(200, 'The title'),
  pitch: text(2000, 'The pitch').refine(
    (value) => value.trim().length > 0,
    'Please describe your story in a few sentences.',
  ),
  body: text(100_000, 'The article').optional(),
  consent: z.union([z.literal(true), z.literal('true'), z.literal('on'), z.literal('yes')], {
    error: 'Please accept the contributor terms.',
  }),
  website: z.unknown().optional(),
})

export type GuestSubmission = {
  name: string
  email: string
  bio: string
  roleLine?: string
  links: string[]
  title: string
  pitch: string
  body?: string
}

export function parseGuestSubmission(data: Record<string, unknown>): { submission: GuestSubmission; isBot: boolean } {
  const { website, consent: _consent, ...fields } = parseFields(submissionSchema, data)
  return {
    submission: {
      ...fields,
      email: normalizeEmail(fields.email)!,
      links: fields.links ?? [],
      roleLine: fields.roleLine || undefined,
      body: fields.body || undefined,
    },
    isBot: website !== undefined && website !== '',
  }
}
