import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Check your inbox' }

export default function CheckInboxPage() {
  return (
    <section className="notice">
      <h1>Check your inbox</h1>
      <p>
        We sent you an email with a link to confirm your subscription. Follow it, and the bi-weekly Mindful Moments are
        on their way. Nothing there? Look in your spam folder, or sign up again in a few minutes.
      </p>
    </section>
  )
}
