import type { ArticlePageList } from '@/src/services/site/content'
import { ArticleCard } from './ArticleCard'
import { Pagination } from './Pagination'

/** A page of article cards with links to the pages before and after. */
export function ArticleList({
  list,
  basePath,
  emptyText,
}: {
  list: ArticlePageList
  basePath: string
  emptyText: string
}) {
  return (
    <>
      {list.articles.length === 0 && <p>{emptyText}</p>}
      <ul className="article-list">
        {list.articles.map((article, index) => (
          <li key={article.id}>
            <ArticleCard article={article} priority={list.page === 1 && index === 0} />
          </li>
        ))}
      </ul>
      <Pagination
        basePath={basePath}
        page={list.page}
        totalPages={list.totalPages}
        newer="Newer stories"
        older="Older stories"
      />
    </>
  )
}
