/** The magazine's name and main navigation, on every reader page. */
export function Masthead() {
  return (
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
  )
}
