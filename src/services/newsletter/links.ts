import { env } from '@/src/env'
import { linkSubject, type LinkedRecord } from '../platform/recordLinks'
import { createToken } from '../platform/tokens'

/** Where readers' links point. Tokens carry the record's id and link key, never the address. */

export const CONFIRM_TTL_MS = 7 * 24 * 3600 * 1000

export const confirmUrl = (subscriber: LinkedRecord) =>
  `${env().publicUrl}/newsletter/confirm?token=${createToken('confirm', linkSubject(subscriber), CONFIRM_TTL_MS)}`

export const unsubscribeToken = (subscriber: LinkedRecord) => createToken('unsubscribe', linkSubject(subscriber))

/**
 * The page where a reader leaves a newsletter (the one the message came from: its slug,
 * which needs no signature of its own, as the token already grants the whole subscription),
 * or every one, for a link token.
 */
export const unsubscribeUrlWithToken = (token: string, newsletterSlug?: string) =>
  `${env().publicUrl}/newsletter/unsubscribe?token=${token}${newsletterSlug ? `&newsletter=${encodeURIComponent(newsletterSlug)}` : ''}`

export const unsubscribeUrl = (subscriber: LinkedRecord) => unsubscribeUrlWithToken(unsubscribeToken(subscriber))

/** The reader's own subscription page (name, address, leaving), behind the same token as unsubscribing. */
export const manageUrlWithToken = (token: string) => `${env().publicUrl}/newsletter/manage?token=${token}`

/** The page where a reader pauses their emails for a few weeks (every digest's footer links to it). */
export const pauseUrlWithToken = (token: string) => `${env().publicUrl}/newsletter/pause?token=${token}`

export const manageUrl = (subscriber: LinkedRecord) => manageUrlWithToken(unsubscribeToken(subscriber))

/** The link that moves a subscription to a new address; the nonce ties it to the one address asked for. */
export const addressChangeUrl = (subscriberId: string | number, nonce: string) =>
  `${env().publicUrl}/newsletter/confirm-address?token=${createToken('address-change', `${subscriberId}:${nonce}`, CONFIRM_TTL_MS)}`

/** The public page that lists every number we keep; every email's footer links to it. */
export const whatWeCountUrl = () => `${env().publicUrl}/privacy/what-we-count`

/** An edition's web version: the same email, with nobody's name or links in it. */
export const editionWebUrl = (editionNumber: number) => `${env().publicUrl}/newsletter/editions/${editionNumber}`

/**
 * RFC 2369 and RFC 8058: mail apps show an "unsubscribe" button that POSTs to our https
 * link; the mailto form is for clients without one (its subject carries the token).
 */
export function listUnsubscribeHeaders(subscriber: LinkedRecord): Record<string, string> {
  return listUnsubscribeHeadersWithToken(unsubscribeToken(subscriber))
}

/** The same headers around a given token (the digest passes its placeholder), leaving one newsletter if named. */
export function listUnsubscribeHeadersWithToken(token: string, newsletterSlug?: string): Record<string, string> {
  const mailto = `mailto:${env().mailFrom.address}?subject=unsubscribe%20${token}`
  return {
    'List-Unsubscribe': `<${unsubscribeUrlWithToken(token, newsletterSlug)}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

/** The contributor's private view of their submission; the link does not expire. */
export const contributorStatusUrl = (submission: LinkedRecord) =>
  `${env().publicUrl}/contribute/status?token=${createToken('contributor-status', linkSubject(submission))}`
