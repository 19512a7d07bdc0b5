import { domainToASCII } from 'node:url'

/** RFC 5321 limits: 64 octets of local part, 254 for the whole address as used in paths. */
export const MAX_LOCAL_PART = 64
export const MAX_ADDRESS = 254

/**
 * The canonical form we store and compare: trimmed, lowercased, the domain in ASCII
 * (IDN → punycode). RFC 5321 lets a receiver treat `Ann@` and `ann@` as two mailboxes, but
 * no mail provider does: keeping the case would make one inbox several readers, each of them
 * sent a confirmation (a mail-bomb from our domain). Returns undefined for anything that is
 * not one plain address.
 */
export function normalizeEmail(input: string): string | undefined {
  const value = input.trim()
  if (/[\s<>()[\],;:"\\]/.test(value) || /[\u0000-\u001f\u007f]/.test(value)) return undefined
  const at = value.lastIndexOf('@')
  if (at < 1 || at === value.length - 1) return undefined
  const local = value.slice(0, at).toLowerCase()
  const domain = domainToASCII(value.slice(at + 1).toLowerCase())
  if (!domain || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) || domain.split('.').some((l) => !l || l.length > 63)) {
    return undefined
  }
  if (local.length > MAX_LOCAL_PART || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return undefined
  if (!/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local)) return undefined
  const address = `${local}@${domain}`
  return address.length > MAX_ADDRESS ? undefined : address
}
