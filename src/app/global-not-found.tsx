import type { Metadata } from 'next'

import NotFound from './(site)/not-found'
import { Masthead } from '../components/site/Masthead'
import './(site)/site.css'

// An address that matches no route at all (the site's own 404s use (site)/not-found.tsx).
export const metadata: Metadata = { title: 'Page not found · Mindful Press', robots: { index: false } }

export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body>
        <Masthead />
        <main id="content">
          <NotFound />
        </main>
      </body>
    </html>
  )
}
