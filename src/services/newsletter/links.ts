import { env } from '../../env'
import { createToken } from '../platform/tokens'

/** Where readers' links point. Tokens carry the subscriber's id only, never the address. */

export const CONFIRM_TTL_MS = 7 * 24 * 3600 * 1000

export const confirmUrl = (subscriberId: string | number) =>
  `${env().publicUrl}/newsletter/confirm?token=${createToken('confirm', subscriberId, CONFIRM_TTL_MS)}`

export const unsubscribeToken = (subscriberId: string | number) => createToken('unsubscribe', subscriberId)

/** The page where a reader leaves (and manages) the subscription, for a link token. */
export const unsubscribeUrlWithToken = (token: string) => `${env().publicUrl}/newsletter/unsubscribe?token=${token}`

export const unsubscribeUrl = (subscriberId: string | number) => unsubscribeUrlWithToken(unsubscribeToken(subscriberId))

/** The reader's own subscription page (name, address, leaving), behind the same token as unsubscribing. */
export const manageUrlWithToken = (token: string) => `${env().publicUrl}/newsletter/manage?token=${token}`

export const manageUrl = (subscriberId: string | number) => manageUrlWithToken(unsubscribeToken(subscriberId))

/** The link that moves a subscription to a new address; the nonce ties it to the one address asked for. */
export const addressChangeUrl = (subscriberId: string | number, nonce: string) =>
  `${env().publicUrl}/newsletter/confirm-address?token=${createToken('address-change', `${subscriberId}:${nonce}`, CONFIRM_TTL_MS)}`

/** An edition's web version: the same email, with nobody's name or links in it. */
export const editionWebUrl = (editionNumber: number) => `${env().publicUrl}/newsletter/editions/${editionNumber}`

/**
 * RFC 2369 and RFC 8058: mail apps show an "unsubscribe" button that POSTs to our https
 * link; the mailto form is for clients without one (its subject carries the token).
 */
export function listUnsubscribeHeaders(subscriberId: string | number): Record<string, string> {
  return listUnsubscribeHeadersWithToken(unsubscribeToken(subscriberId))
}

/** The same headers around a given token (the digest passes its placeholder). */
export function listUnsubscribeHeadersWithToken(token: string): Record<string, string> {
  const mailto = `mailto:${env().mailFrom.address}?subject=unsubscribe%20${token}`
  return {
    'List-Unsubscribe': `<${unsubscribeUrlWithToken(token)}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

/** The contributor's private view of their submission; the link does not expire. */
export const contributorStatusUrl = (submissionId: string | number) =>
  `${env().publicUrl}/contribute/status?token=${createToken('contributor-status', submissionId)}`
