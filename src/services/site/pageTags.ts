/**
 * The tags of the reader site's cached pages: each page carries the tags of what it shows,
 * and a change revalidates the tags of what it touched (src/services/site/revalidation.ts).
 *
 * | tag                    | carried by                                                        |
 * |------------------------|-------------------------------------------------------------------|
 * | settings               | every page (the sign-up box and its newsletters, the archive)     |
 * | lists                  | home and its pages, feed, sitemap                                 |
 * | article:<slug>         | the article's page (its data names its category and authors)      |
 * | author:<id>            | the author's pages, the pages of their articles (bio)             |
 * | author-slug:<slug>     | the author's pages (the lookup by slug)                           |
 * | category:<id>          | the category's pages, the pages of its articles (related, name)   |
 * | category-slug:<slug>   | the category's pages (the lookup by slug)                         |
 * | editions               | the newsletter archive and the editions' web versions             |
 */
export const pageTags = {
  settings: 'settings',
  lists: 'lists',
  editions: 'editions',
  article: (slug: string) => `article:${slug}`,
  author: (id: number | string) => `author:${id}`,
  authorSlug: (slug: string) => `author-slug:${slug}`,
  category: (id: number | string) => `category:${id}`,
  categorySlug: (slug: string) => `category-slug:${slug}`,
}
