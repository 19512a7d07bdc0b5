import { readFileSync } from 'node:fs'
import path from 'node:path'

import { escapeHtml } from '@/emails/partials'
import { plainPagePolicy, transportSecurity } from '../contentSecurityPolicy.mjs'
import { env } from '../env'

/**
 * Plain server-rendered pages for the reader links in emails (confirm, unsubscribe):
 * route handlers, because a bad link must answer with a 4xx status, which a Next.js page
 * cannot. They share the site's one stylesheet.
 */

let stylesheet: string | undefined
function siteStylesheet(): string {
  stylesheet ??= readFileSync(path.join(process.cwd(), 'src/app/(site)/site.css'), 'utf8')
  return stylesheet
}

// Hashes the stylesheet once, not on every answer.
let policy: string | undefined
const plainPolicy = () => (policy ??= plainPagePolicy(siteStylesheet(), env().publicUrl))

export { escapeHtml }

export function htmlPage(status: number, title: string, bodyHtml: string): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Mindful Press</title>
<style>${siteStylesheet()}</style>
</head>
<body>
<header class="masthead"><a href="/" class="brand">Mindful Press</a></header>
<main class="notice">
${bodyHtml}
</main>
<footer class="site-footer"><p class="meta footer-links"><a href="/privacy/what-we-count">What we count</a></p></footer>
</body>
</html>`
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': plainPolicy(),
      ...(transportSecurity(env().publicUrl)
        ? { 'strict-transport-security': transportSecurity(env().publicUrl)! }
        : {}),
    },
  })
}

/** The sign-up form, for pages that offer to start again. */
export function signUpFormHtml(buttonLabel = 'Send me a new link'): string {
  return `<form class="signup-form" method="post" action="/api/newsletter/subscribe">
  <label for="resend-email">Your email address</label>
  <input id="resend-email" name="email" type="email" required autocomplete="email" maxlength="254">
  <input type="hidden" name="source" value="resend">
  <button type="submit">${escapeHtml(buttonLabel)}</button>
</form>`
}
