/** Page numbers and slugs as they may appear in the reader site's addresses; anything else is a 404. */
export function pageNumber(value: string): number | null {
  return /^[1-9]\d{0,3}$/.test(value) ? Number(value) : null
}

export function isSlug(value: string): boolean {
  return /^[a-z0-9-]{1,96}$/.test(value)
}
