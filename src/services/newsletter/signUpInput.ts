import { z } from 'zod'

import { emailField, parseFields, singleLine, slugList } from '../platform/inputFields'
import type { SignUp } from './subscriptions'
import { PublicRequestError } from '../platform/publicRequests'

const signUpSchema = z.object({
  email: emailField(),
  firstName: singleLine(80, 'Your first name').optional(),
  source: singleLine(40, 'The source')
    .regex(/^[a-z0-9_-]*$/i, 'The source is a short label of letters, digits and hyphens.')
    .optional(),
  topics: slugList('Topics').optional(),
  newsletters: slugList('Newsletters').optional(),
  // Set by a form that showed newsletter checkboxes: none ticked is then the reader's mistake.
  newslettersOffered: z.literal('yes').optional(),
  // The honeypot: invisible to people, filled in by bots.
  website: z.unknown().optional(),
})

export type ParsedSignUp = { signUp: SignUp; isBot: boolean }

export function parseSignUp(data: Record<string, unknown>): ParsedSignUp {
  const { email, firstName, source, topics, newsletters, newslettersOffered, website } = parseFields(signUpSchema, data)
  if (newslettersOffered && (newsletters ?? []).length === 0)
    throw new PublicRequestError(400, 'Tick at least one newsletter.', { newsletters: 'Tick at least one newsletter.' })
  return {
    signUp: { email, firstName: firstName || undefined, source: source || undefined, topics, newsletters },
    isBot: website !== undefined && website !== '',
  }
}
