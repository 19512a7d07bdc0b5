import { z } from 'zod'

import { emailField, parseFields, singleLine, slugList } from '../platform/inputFields'
import type { SignUp } from './subscriptions'

const signUpSchema = z.object({
  email: emailField(),
  firstName: singleLine(80, 'Your first name').optional(),
  source: singleLine(40, 'The source')
    .regex(/^[a-z0-9_-]*$/i, 'The source is a short label of letters, digits and hyphens.')
    .optional(),
  topics: slugList('Topics').optional(),
  // The honeypot: invisible to people, filled in by bots.
  website: z.unknown().optional(),
})

export type ParsedSignUp = { signUp: SignUp; isBot: boolean }

export function parseSignUp(data: Record<string, unknown>): ParsedSignUp {
  const { email, firstName, source, topics, website } = parseFields(signUpSchema, data)
  return {
    signUp: { email, firstName: firstName || undefined, source: source || undefined, topics },
    isBot: website !== undefined && website !== '',
  }
}
