/** The address of page `page` of a list: the list itself for the first, `?page=N` after. */
export function pageHref(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`
}

export function Pagination({
  basePath,
  page,
  totalPages,
  newer,
  older,
}: {
  basePath: string
  page: number
  totalPages: number
  newer: string
  older: string
}) {
  if (totalPages <= 1) return null
  return (
    <nav aria-label="Pages" className="pagination">
      {page > 1 ? (
        <a rel="prev" href={pageHref(basePath, page - 1)}>
          ← {newer}
        </a>
      ) : (
        <span />
      )}
      <span className="meta">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <a rel="next" href={pageHref(basePath, page + 1)}>
          {older} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}
