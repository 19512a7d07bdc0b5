import { z } from 'zod'

import { MAX_ADDRESS, normalizeEmail } from './emailAddress'
import { PublicRequestError, type FieldErrors } from './publicRequests'
import type { SignUp } from './subscriptions'

/** A single line of text: no line breaks (they would inject mail headers), no control characters. */
const line = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .max(max, `${what} can be at most ${max} characters.`)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${what} cannot contain line breaks or control characters.`)

const signUpSchema = z.object({
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address.')
    .max(MAX_ADDRESS, `An email address has at most ${MAX_ADDRESS} characters.`)
    .refine((value) => !/[\r\n]/.test(value), 'An email address cannot contain line breaks.')
    .refine((value) => normalizeEmail(value) !== undefined, 'Enter a valid email address, like name@example.org.'),
  firstName: line(80, 'Your first name').trim().optional(),
  source: line(40, 'The source')
    .regex(/^[a-z0-9_-]*$/i, 'The source is a short label of letters, digits and hyphens.')
    .optional(),
  // The honeypot: invisible to people, filled in by bots.
  website: z.unknown().optional(),
})

export type ParsedSignUp = { signUp: SignUp; isBot: boolean }

export function parseSignUp(data: Record<string, unknown>): ParsedSignUp {
  const result = signUpSchema.safeParse(data)
  if (!result.success) {
    const errors: FieldErrors = {}
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'body')
      errors[field] ??= issue.message
    }
    throw new PublicRequestError(400, 'Please check the highlighted fields.', errors)
  }
  const { email, firstName, source, website } = result.data
  return {
    signUp: { email, firstName: firstName || undefined, source: source || undefined },
    isBot: website !== undefined && website !== '',
  }
}
