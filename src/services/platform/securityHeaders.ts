/**
 * Headers every answer carries (next.config.ts `headers()`, fixed at build time). The
 * Content-Security-Policy of reader pages is added where the page is cached, with the hashes
 * of its own inline scripts (src/cacheHandler.mjs); dynamic pages and the API get theirs here.
 */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'interest-cohort=()',
  'browsing-topics=()',
].join(', ')

export const COMMON_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
]

/** The API answers JSON, CSV and files: nothing in it may run or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

export function securityHeaders() {
  return [
    { source: '/:path*', headers: COMMON_HEADERS },
    // The edition preview (an admin frame) sends a policy of its own.
    {
      source: '/api/:path((?!editions/[^/]+/preview$).*)',
      headers: [{ key: 'Content-Security-Policy', value: API_CSP }],
    },
  ]
}

/**
 * An email shown as a page (the web version, the admin's preview frame): it runs nothing and
 * loads nothing from elsewhere (pictures come from our own origin), so nothing in an
 * edition can report who looked at it.
 */
export function emailViewPolicy(publicUrl: string, frameAncestors: "'none'" | "'self'"): string {
  const origin = new URL(publicUrl).origin
  return `default-src 'none'; img-src 'self' ${origin} data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors}`
}
