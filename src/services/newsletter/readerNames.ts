const MAX_NAME = 80

/**
 * "Hi Nia," or "Hi there,": the reader's first name as they wrote it, on one line. Control
 * characters go (a stored name could hold a line break); letters, emoji and their joiners stay.
 */
export function greetingName(firstName: string | null | undefined): string {
  const name = [
    ...(firstName ?? '')
      .replace(/\p{Cc}+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ]
    .slice(0, MAX_NAME)
    .join('')
  return name || 'there'
}
