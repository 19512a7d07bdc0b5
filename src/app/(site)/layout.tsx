import type { Metadata } from 'next'
import type React from 'react'

import './site.css'

export const metadata: Metadata = {
  title: { default: 'Mindful Press', template: '%s · Mindful Press' },
  description: 'Stories and lessons on mindful dating and relationships.',
}

export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="masthead">
          <a href="/" className="brand">Mindful Press</a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  )
}
