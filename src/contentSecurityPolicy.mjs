// The Content-Security-Policy of every HTML answer, in one place. Plain JavaScript because
// Next.js's cache handler (src/cacheHandler.mjs), which Node loads outside the app bundle,
// uses it as well as the proxy and the route handlers.
//
// - Cached reader pages are the same for everyone, so a per-request nonce cannot be in them;
//   they are stored without Next.js's client runtime (src/cacheHandler.mjs) and their policy
//   allows exactly the inline scripts that remain, by hash (none: script-src 'none').
// - Pages rendered per request (the admin, the sign-up and contribution forms) get a fresh
//   nonce from the proxy; Next.js puts it on its scripts.
// - Plain pages and the API run no script at all.
import { createHash } from 'node:crypto'

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** Hashes of the inline scripts that run (not JSON-LD data blocks) and of inline style elements. */
export function inlineHashes(html) {
  const scripts = new Set()
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/type\s*=\s*["']?application\/(ld\+)?json/i.test(match[1])) continue
    scripts.add(sha256(match[2]))
  }
  const styles = new Set()
  for (const match of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) styles.add(sha256(match[1]))
  return { scripts: [...scripts], styles: [...styles] }
}

const join = (directives) =>
  Object.entries(directives)
    .filter(([, sources]) => sources !== undefined)
    .map(([name, sources]) => (sources.length ? `${name} ${sources.join(' ')}` : name))
    .join('; ')

/** The origin pictures are served from (PUBLIC_URL: media URLs are absolute). */
const originOf = (publicUrl) => new URL(publicUrl).origin

function readerDirectives({ publicUrl, scripts, styles = [] }) {
  const https = publicUrl.startsWith('https:')
  return {
    'default-src': ["'self'"],
    'script-src': scripts.length ? ["'self'", ...scripts] : ["'none'"],
    'style-src': ["'self'", ...styles],
    'img-src': ["'self'", originOf(publicUrl), 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'upgrade-insecure-requests': https ? [] : undefined,
  }
}

/** A cached reader page: its own inline scripts by hash. */
export function cachedPagePolicy(html, publicUrl) {
  const { scripts, styles } = inlineHashes(html)
  return join(readerDirectives({ publicUrl, scripts, styles }))
}

/** A reader page rendered per request (forms): scripts with this request's nonce. */
export function dynamicPagePolicy(nonce, publicUrl) {
  return join(readerDirectives({ publicUrl, scripts: [`'nonce-${nonce}'`, "'strict-dynamic'"] }))
}

/**
 * The admin: scripts by nonce (and what they load); Payload's UI sets inline styles; live
 * preview frames our own pages. Nothing from a third party: the fields Payload would show
 * in its CDN-loaded code editor are shown as text (src/components/admin/ReadOnlyCode.tsx).
 */
export function adminPolicy(nonce, publicUrl) {
  return join({
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", originOf(publicUrl), 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'connect-src': ["'self'"],
    'frame-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
  })
}

/**
 * The queue dashboard (Bull Board, /admin/queues): its own scripts from our origin, inline
 * styles; the Google Fonts it asks for are refused (the admin makes no third-party requests).
 */
export function queueBoardPolicy(publicUrl) {
  return join({
    ...readerDirectives({ publicUrl, scripts: [] }),
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
  })
}

/** Pages of plain HTML with one inline stylesheet and no script (email links, notices). */
export function plainPagePolicy(stylesheet, publicUrl) {
  return join({
    'default-src': ["'none'"],
    'style-src': [sha256(stylesheet)],
    'img-src': ["'self'", originOf(publicUrl), 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
  })
}

/** Strict-Transport-Security, when the site is served over https. */
export function transportSecurity(publicUrl) {
  return publicUrl.startsWith('https:') ? 'max-age=31536000; includeSubDomains' : undefined
}
