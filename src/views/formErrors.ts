/**
 * What a form page says after a refused post. The post sends the page back with the name of
 * the first field at fault (`?error=email`), never a sentence: a link with any text in
 * `?error=` would otherwise put words of a stranger's choosing on our page.
 */

export const SIGN_UP_ERRORS: Record<string, string> = {
  email: 'Enter a valid email address, like name@example.org.',
  firstName: 'Your first name can be up to 80 characters, on one line.',
  source: 'This sign-up form is out of date; please reload the page.',
  topics: 'One of the topics you chose is not offered any more; please reload the page and choose again.',
  newsletters: 'Tick at least one newsletter (or one we still offer: please reload the page).',
}

export const SUBMISSION_ERRORS: Record<string, string> = {
  name: 'Please fill in your name (up to 120 characters, one line).',
  email: 'Enter a valid email address, like name@example.org.',
  bio: 'Please tell readers a little about yourself (up to 2,000 characters).',
  roleLine: 'Your role line can be up to 160 characters, on one line.',
  links: 'Give at most 6 links, each starting with https:// or http://.',
  title: 'Please fill in the title (up to 200 characters, one line).',
  pitch: 'Please describe your story in a few sentences (up to 2,000 characters).',
  body: 'The article can be at most 100,000 characters.',
  consent: 'Please accept the contributor terms.',
}

const FALLBACK = 'Please check the form and try again.'

/** The field to name in `?error=`: the first one at fault. */
export const errorField = (errors: Record<string, string> | undefined) => Object.keys(errors ?? {})[0] ?? 'form'

/** The sentence for a `?error=` value: one of ours, or nothing. */
export function formErrorMessage(messages: Record<string, string>, code: unknown): string | undefined {
  if (typeof code !== 'string' || !code) return undefined
  return Object.hasOwn(messages, code) ? messages[code] : FALLBACK
}
