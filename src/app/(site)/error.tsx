'use client'

/** Shown when a page fails to render; the error itself is logged on the server, never shown. */
export default function ErrorPage() {
  return (
    <section className="notice" role="alert">
      <p className="kicker">Something went wrong</p>
      <h1>This page could not be shown just now</h1>
      <p>
        It is our fault, not yours. Please try again in a minute, or go back to <a href="/">the latest stories</a>.
      </p>
    </section>
  )
}
