import type { Metadata } from 'next'
import type React from 'react'

import { SignupBox } from '../../components/SignupBox'
import { publicSettings } from '../../services/platform/settings'
import './site.css'

// Every reader page shows the sign-up wording from the database, so nothing is prerendered
// at build time (a fresh machine has no database then).
export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: { default: 'Mindful Press', template: '%s · Mindful Press' },
  description: 'Stories and lessons on mindful dating and relationships.',
}

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const settings = await publicSettings()
  return (
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </head>
      <body>
        <a className="skip-link" href="#content">
          Skip to the content
        </a>
        <header className="masthead">
          <a href="/" className="brand">
            Mindful Press
          </a>
          <nav aria-label="Main">
            <a href="/">Stories</a>
            <a href="/newsletter">Newsletter</a>
            <a href="/contribute">Contribute</a>
          </nav>
        </header>
        <main id="content">{children}</main>
        <footer className="site-footer">
          <SignupBox settings={settings} source="footer" />
        </footer>
      </body>
    </html>
  )
}
