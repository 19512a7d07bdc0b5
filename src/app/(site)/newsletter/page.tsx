import type { Metadata } from 'next'

import { SignupBox } from '@/src/components/SignupBox'
import { publicSettings } from '@/src/services/platform/settings'
import { signUpNewsletters } from '@/src/services/site/content'
import { formErrorMessage, SIGN_UP_ERRORS } from '@/src/views/formErrors'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Our newsletters' }

export default async function NewsletterPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>
}) {
  const [settings, newsletters] = await Promise.all([publicSettings(), signUpNewsletters()])
  const { error } = await searchParams
  return (
    <>
      <h1>{newsletters.length === 1 ? newsletters[0].name : 'Our newsletters'}</h1>
      {newsletters.length === 1 ? (
        <p>{newsletters[0].description}</p>
      ) : (
        <ul className="newsletter-list">
          {newsletters.map((newsletter) => (
            <li key={newsletter.slug}>
              <strong>{newsletter.name}</strong>
              {newsletter.description && <> — {newsletter.description}</>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/newsletter/archive">Read past editions</a>.
      </p>
      <SignupBox
        settings={settings}
        newsletters={newsletters}
        source="newsletter-page"
        error={formErrorMessage(SIGN_UP_ERRORS, error)}
      />
    </>
  )
}
