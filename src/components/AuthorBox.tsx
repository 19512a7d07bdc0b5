import type { Author } from '../payload-types'
import { Picture } from './site/Picture'

export function AuthorBox({ author }: { author: Author }) {
  return (
    <aside className="author-box" aria-label={`About the author, ${author.name}`}>
      <Picture media={author.avatar} sizes="5rem" portrait className="portrait" />
      <div>
        <h2>About the Author</h2>
        <p className="author-name">
          <a href={`/authors/${author.slug}`}>{author.name}</a>
        </p>
        {author.roleLine && <p className="author-role">{author.roleLine}</p>}
        {author.bio && <p>{author.bio}</p>}
      </div>
    </aside>
  )
}
