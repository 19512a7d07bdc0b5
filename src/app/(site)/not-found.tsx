import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } }

export default function NotFound() {
  return (
    <section className="notice">
      <p className="kicker">404</p>
      <h1>We couldn’t find that page</h1>
      <p>The story may have moved, or the address may have a typo. These might help:</p>
      <ul>
        <li>
          <a href="/">The latest stories</a>
        </li>
        <li>
          <a href="/newsletter">The Mindful Moments newsletter</a>
        </li>
        <li>
          <a href="/contribute">Write for us</a>
        </li>
      </ul>
    </section>
  )
}
