import type { Metadata } from 'next'

import { SignupBox } from '@/src/components/SignupBox'
import { publicSettings } from '@/src/services/platform/settings'
import { formErrorMessage, SIGN_UP_ERRORS } from '@/src/views/formErrors'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Mindful Moments newsletter' }

export default async function NewsletterPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>
}) {
  const settings = await publicSettings()
  const { error } = await searchParams
  return (
    <>
      <h1>Mindful Moments</h1>
      <p>
        Every two weeks, our best stories on mindful dating, love and relationships, in your inbox.{' '}
        <a href="/newsletter/archive">Read past editions</a>.
      </p>
      <SignupBox settings={settings} source="newsletter-page" error={formErrorMessage(SIGN_UP_ERRORS, error)} />
    </>
  )
}
