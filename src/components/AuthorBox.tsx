import type { Author } from '../payload-types'

export function AuthorBox({ author }: { author: Author }) {
  return (
    <aside className="author-box" aria-label={`About the author, ${author.name}`}>
      <h2>About the Author</h2>
      <p className="author-name">{author.name}</p>
      {author.roleLine && <p className="author-role">{author.roleLine}</p>}
      {author.bio && <p>{author.bio}</p>}
    </aside>
  )
}
