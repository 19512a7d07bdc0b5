import type { Metadata } from 'next'
import { draftMode } from 'next/headers'
import type React from 'react'

import { SignupBox } from '@/src/components/SignupBox'
import { Masthead } from '@/src/components/site/Masthead'
import { signUpNewsletters, siteSettings } from '@/src/services/site/content'
import { absoluteUrl, FEED_LINK, SITE_DESCRIPTION, SITE_NAME } from '@/src/services/site/seo'
import './site.css'

// Pages are cached in Redis and revalidated on every change (src/services/site/content.ts);
// this is the hourly safety net.
export const revalidate = 3600

export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(absoluteUrl('/')),
    title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
    description: SITE_DESCRIPTION,
    applicationName: SITE_NAME,
    alternates: { types: FEED_LINK },
    openGraph: { siteName: SITE_NAME, type: 'website' },
  }
}

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const [settings, newsletters] = await Promise.all([siteSettings(), signUpNewsletters()])
  const preview = (await draftMode()).isEnabled
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to the content
        </a>
        {preview && (
          <p className="preview-banner" role="status">
            Preview: you are seeing drafts as readers will see them once published.{' '}
            <a href="/preview/exit">Leave preview</a>
          </p>
        )}
        <Masthead />
        <main id="content">{children}</main>
        <footer className="site-footer">
          <SignupBox settings={settings} newsletters={newsletters} source="footer" />
          <p className="meta footer-links">
            <a href="/feed.xml">RSS feed</a>
            {' · '}
            <a href="/privacy/what-we-count">What we count</a>
            {settings.archiveOnWeb !== false && (
              <>
                {' · '}
                <a href="/newsletter/archive">Newsletter archive</a>
              </>
            )}
          </p>
        </footer>
      </body>
    </html>
  )
}
