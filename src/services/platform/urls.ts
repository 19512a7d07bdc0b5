/** Links shown to readers may only point at the web, never `javascript:` or `data:`. */
export function validateHttpUrl(value: unknown): true | string {
  if (value === undefined || value === null || value === '') return true
  if (typeof value !== 'string') return 'A link must be text.'
  try {
    const { protocol } = new URL(value)
    if (protocol === 'https:' || protocol === 'http:') return true
  } catch {
    // reported below
  }
  return 'A link must start with https:// or http://.'
}
