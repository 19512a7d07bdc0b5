import type { Metadata } from 'next'

import { formErrorMessage, SUBMISSION_ERRORS } from '@/src/views/formErrors'

export const metadata: Metadata = { title: 'Contribute a story' }

export default async function ContributePage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>
}) {
  const error = formErrorMessage(SUBMISSION_ERRORS, (await searchParams).error)
  return (
    <section>
      <h1>Share your story</h1>
      <p>
        If you have a story to tell or a lesson to share, we would love to read it. Send us a pitch (and the article, if
        it is written); our editors read every submission, and you can follow yours through a private link.
      </p>
      <form className="signup-form contribute-form" method="post" action="/api/guest-submissions">
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <label htmlFor="contribute-name">Your name</label>
        <input id="contribute-name" name="name" required maxLength={120} autoComplete="name" />
        <label htmlFor="contribute-email">Email address (never published)</label>
        <input id="contribute-email" name="email" type="email" required maxLength={254} autoComplete="email" />
        <label htmlFor="contribute-role">Your role line, e.g. &quot;Dermatologist by profession&quot; (optional)</label>
        <input id="contribute-role" name="roleLine" maxLength={160} />
        <label htmlFor="contribute-bio">A short bio for the &quot;About the Author&quot; box</label>
        <textarea id="contribute-bio" name="bio" required maxLength={2000} rows={4} />
        <label htmlFor="contribute-links">Links, one per line (optional)</label>
        <textarea id="contribute-links" name="links" rows={2} maxLength={3000} />
        <label htmlFor="contribute-title">Title</label>
        <input id="contribute-title" name="title" required maxLength={200} />
        <label htmlFor="contribute-pitch">Your pitch: what is the story, and why does it matter?</label>
        <textarea id="contribute-pitch" name="pitch" required maxLength={2000} rows={4} />
        <label htmlFor="contribute-body">The article, in Markdown (optional)</label>
        <textarea id="contribute-body" name="body" maxLength={100000} rows={12} />
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="contribute-website">Website</label>
          <input id="contribute-website" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="consent" value="yes" required /> I wrote this, and I agree to the contributor
          terms: we may edit and publish it with my name and bio.
        </label>
        <button type="submit">Send my story</button>
      </form>
    </section>
  )
}
