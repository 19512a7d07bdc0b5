import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  ADMIN,
  apiJson,
  loginAs,
  runWithAppEnv,
  startAnotherWebProcess,
  startApp,
  type RunningApp,
} from '../helpers/app'
import { waitFor } from '../helpers/waitFor'

/**
 * The reader site as a production deployment runs it: two web processes and a worker on one
 * database and one Redis, pages served from the shared cache. Every change must reach both
 * processes within seconds.
 */

let app: RunningApp
let second: { url: string; stop: () => Promise<void> }
let admin: { authorization: string }
let servers: string[]

const SEED_SLUG = 'how-to-regain-a-partners-lost-trust'
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const CHANGE_WINDOW_MS = 5_000

beforeAll(async () => {
  app = await startApp({}, { worker: true })
  second = await startAnotherWebProcess(app)
  admin = await loginAs(app, ADMIN)
  servers = [app.url, second.url]
}, 180_000)

afterAll(async () => {
  await second?.stop()
  await app?.stop()
})

const page = async (url: string) => {
  const response = await fetch(url, { redirect: 'manual' })
  return { status: response.status, headers: response.headers, body: await response.text() }
}

const api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
  apiJson<T>(app, admin, method, path, body)

type Doc = { id: number; slug: string }

/** Every address that shows the title of an article of this author and category, on both processes. */
const listings = (author: Doc, category: Doc) =>
  servers.flatMap((server) => [
    `${server}/`,
    `${server}/categories/${category.slug}`,
    `${server}/authors/${author.slug}`,
    `${server}/feed.xml`,
  ])

/** Waits until every address shows (or no longer shows) the text, within the change window. */
async function everywhere(addresses: string[], text: string, shown: boolean) {
  const started = Date.now()
  await waitFor(
    async () => {
      const bodies = await Promise.all(addresses.map(async (address) => (await page(address)).body))
      return bodies.every((body) => body.includes(text) === shown)
    },
    `"${text}" ${shown ? 'on' : 'gone from'} ${addresses.length} pages`,
    CHANGE_WINDOW_MS,
    100,
  )
  return Date.now() - started
}

/**
 * The text on every page until `change`, and gone from them within the change window after it.
 * The pages are drawn again after the last edit's second revalidation pass (5 s), so that only
 * `change` can refresh them.
 */
async function goneOnlyBy(addresses: string[], text: string, change: () => Promise<unknown>) {
  await everywhere(addresses, text, true)
  await new Promise((resolve) => setTimeout(resolve, 6_000))
  await everywhere(addresses, text, true)
  await change()
  await everywhere(addresses, text, false)
}

describe('cached pages that are never stale, on two web processes', () => {
  let author: Doc
  let category: Doc
  let article: Doc
  let scheduledArticle: Doc

  beforeAll(async () => {
    author = (
      await api<{ doc: Doc }>('POST', '/authors', {
        name: 'Rosa Calloway',
        roleLine: 'Couples counsellor',
        bio: 'Rosa has listened to couples for twenty years.',
      })
    ).doc
    category = (await api<{ doc: Doc }>('POST', '/categories', { name: 'Listening Well' })).doc
  })

  it('serves pages from the shared cache', async () => {
    for (const server of servers) {
      await page(`${server}/articles/${SEED_SLUG}`)
      const again = await page(`${server}/articles/${SEED_SLUG}`)
      expect(again.status).toBe(200)
      expect(again.headers.get('x-nextjs-cache')).toBe('HIT')
    }
  })

  it('shows a published article on the home, category, author pages, the feed and the sitemap within seconds', async () => {
    // Every list is in the cache before the change, on both processes.
    for (const address of [...listings(author, category), ...servers.map((server) => `${server}/sitemap.xml`)])
      expect((await page(address)).status).toBe(200)
    article = (
      await api<{ doc: Doc }>('POST', '/articles', {
        title: 'Listening Without Fixing',
        dek: 'Why the urge to solve gets in the way.',
        authors: [author.id],
        category: category.id,
        _status: 'published',
      })
    ).doc
    const took = await everywhere(listings(author, category), 'Listening Without Fixing', true)
    const sitemapTook = await everywhere(
      servers.map((server) => `${server}/sitemap.xml`),
      `/articles/${article.slug}`,
      true,
    )
    expect(took + sitemapTook).toBeLessThan(2 * CHANGE_WINDOW_MS)
    for (const server of servers) expect((await page(`${server}/articles/${article.slug}`)).status).toBe(200)
  })

  it('shows an edited title, and a new author bio on the article, everywhere', async () => {
    await api('PATCH', `/articles/${article.id}`, { title: 'Listening Without Fixing Anything' })
    await everywhere(
      [...listings(author, category), ...servers.map((s) => `${s}/articles/${article.slug}`)],
      'Listening Without Fixing Anything',
      true,
    )
    await api('PATCH', `/authors/${author.id}`, { bio: 'Rosa has listened to couples for twenty-one years.' })
    await everywhere(
      servers.map((s) => `${s}/articles/${article.slug}`),
      'twenty-one years',
      true,
    )
  })

  it('takes an unpublished article off its page, the lists and the feed within seconds', async () => {
    await api('PATCH', `/articles/${article.id}`, { _status: 'draft' })
    await everywhere(listings(author, category), 'Listening Without Fixing', false)
    await everywhere(
      servers.map((server) => `${server}/sitemap.xml`),
      `/articles/${article.slug}`,
      false,
    )
    for (const server of servers) {
      await waitFor(
        async () => (await page(`${server}/articles/${article.slug}`)).status === 404,
        'the unpublished page to answer 404',
        CHANGE_WINDOW_MS,
      )
    }
  })

  it('publishes a scheduled article from the worker, seen by both processes', async () => {
    const scheduled = (
      await api<{ doc: Doc }>('POST', '/articles', {
        title: 'Patience at Dawn',
        authors: [author.id],
        category: category.id,
        _status: 'draft',
      })
    ).doc
    expect((await page(`${app.url}/articles/${scheduled.slug}`)).status).toBe(404)
    // What the admin's "Schedule publish" does: a job for Payload's queue, which only the worker runs.
    await runWithAppEnv(app, [
      'src/launch.mjs',
      'tests/helpers/schedulePublish.ts',
      String(scheduled.id),
      new Date(Date.now() + 1_000).toISOString(),
    ])
    // The worker runs due jobs every minute.
    await waitFor(
      async () =>
        (await Promise.all(servers.map((server) => page(`${server}/`)))).every((home) =>
          home.body.includes('Patience at Dawn'),
        ),
      'the scheduled article on both home pages',
      75_000,
      500,
    )
    for (const server of servers) expect((await page(`${server}/articles/${scheduled.slug}`)).status).toBe(200)
    scheduledArticle = scheduled
  }, 90_000)

  it('shows a renamed category on its page and on its articles, and new sign-up wording on every page', async () => {
    await api('PATCH', `/categories/${category.id}`, { name: 'Listening Deeply' })
    await everywhere(
      servers.flatMap((server) => [
        `${server}/categories/${category.slug}`,
        `${server}/articles/${scheduledArticle.slug}`,
        `${server}/`,
      ]),
      'Listening Deeply',
      true,
    )
    await api('POST', '/globals/settings', { signupHeadline: 'Breathe with us every other Thursday' })
    await everywhere(
      servers.flatMap((server) => [
        `${server}/`,
        `${server}/articles/${SEED_SLUG}`,
        `${server}/authors/${author.slug}`,
        `${server}/newsletter/check-inbox`,
      ]),
      'Breathe with us every other Thursday',
      true,
    )
  })

  it('takes a deleted picture off the article that led with it, and the lists, within seconds', async () => {
    const form = new FormData()
    form.append('file', new Blob([PIXEL_PNG], { type: 'image/png' }), 'soon-gone.png')
    form.append('_payload', JSON.stringify({ alt: 'A picture about to be deleted' }))
    const upload = await fetch(`${app.url}/api/media`, { method: 'POST', headers: admin, body: form })
    expect(upload.status, await upload.clone().text()).toBe(201)
    const picture = ((await upload.json()) as { doc: { id: number } }).doc
    await api('PATCH', `/articles/${scheduledArticle.id}`, { heroImage: picture.id })
    const pages = servers.flatMap((server) => [`${server}/articles/${scheduledArticle.slug}`, `${server}/`])
    await goneOnlyBy(pages, 'soon-gone', () => api('DELETE', `/media/${picture.id}`))
  })

  it('takes a deleted category off the articles that were in it within seconds', async () => {
    const fleeting = (await api<{ doc: Doc }>('POST', '/categories', { name: 'Fleeting Topics' })).doc
    const story = (
      await api<{ doc: Doc }>('POST', '/articles', {
        title: 'A Short Season',
        authors: [author.id],
        category: fleeting.id,
        _status: 'published',
      })
    ).doc
    await goneOnlyBy(
      servers.map((server) => `${server}/articles/${story.slug}`),
      'Fleeting Topics',
      () => api('DELETE', `/categories/${fleeting.id}`),
    )
  })

  it('takes a deleted article off its page and every list within seconds', async () => {
    await api('DELETE', `/articles/${scheduledArticle.id}`)
    await everywhere(listings(author, category), 'Patience at Dawn', false)
    for (const server of servers) {
      await waitFor(
        async () => (await page(`${server}/articles/${scheduledArticle.slug}`)).status === 404,
        'the deleted article to answer 404',
        CHANGE_WINDOW_MS,
      )
    }
  })
})

describe('findable and shareable', () => {
  it('has an RSS 2.0 feed of the latest stories with full author names, categories and absolute links', async () => {
    const { status, headers, body } = await page(`${app.url}/feed.xml`)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toContain('application/rss+xml')
    expect(XMLValidator.validate(body)).toBe(true)
    const rss = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ['item', 'author', 'category'].includes(name),
    }).parse(body).rss
    expect(rss['@_version']).toBe('2.0')
    const items = rss.channel.item as {
      title: string
      link: string
      author: string[]
      category: { '#text': string }[]
    }[]
    expect(items.length).toBeGreaterThan(0)
    expect(items.length).toBeLessThanOrEqual(20)
    const seed = items.find((item) => item.link.endsWith(`/articles/${SEED_SLUG}`))!
    expect(seed.link).toBe(`${app.url}/articles/${SEED_SLUG}`)
    expect(seed.author).toContain('Alinn Smith')
    expect(seed.category[0]!['#text']).toBe('Dating & Relationships')
  })

  it('has a sitemap with every published article, author and category page and when each changed', async () => {
    const { body } = await page(`${app.url}/sitemap.xml`)
    expect(XMLValidator.validate(body)).toBe(true)
    const urls = new XMLParser({ isArray: (name) => name === 'url' }).parse(body).urlset.url as {
      loc: string
      lastmod: string
    }[]
    const locations = urls.map((url) => url.loc)
    expect(locations).toContain(`${app.url}/articles/${SEED_SLUG}`)
    expect(locations).toContain(`${app.url}/authors/alinn-smith`)
    expect(locations).toContain(`${app.url}/categories/dating-and-relationships`)
    for (const url of urls) expect(Number.isNaN(Date.parse(url.lastmod))).toBe(false)
  })

  it('tells crawlers where the sitemap is and keeps them out of the admin, the API, previews and token pages', async () => {
    const { body } = await page(`${app.url}/robots.txt`)
    expect(body).toContain(`Sitemap: ${app.url}/sitemap.xml`)
    for (const path of [
      '/admin',
      '/api/',
      '/preview/',
      '/newsletter/confirm',
      '/newsletter/unsubscribe',
      '/newsletter/manage',
    ]) {
      expect(body).toContain(`Disallow: ${path}`)
    }
  })

  it('gives every article a canonical URL, OpenGraph and Twitter cards and JSON-LD, all with absolute URLs', async () => {
    const { body } = await page(`${app.url}/articles/${SEED_SLUG}`)
    const meta = (attribute: string, name: string) =>
      [...body.matchAll(new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`, 'g'))].map((match) => match[1]!)
    const absolute = (value: string | undefined) => expect(value).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
    absolute(body.match(/<link rel="canonical" href="([^"]+)"/)?.[1])
    expect(meta('property', 'og:type')).toEqual(['article'])
    expect(meta('property', 'og:title')[0]).toContain('Regain')
    expect(meta('property', 'og:description')[0]).toBeTruthy()
    absolute(meta('property', 'og:image')[0])
    absolute(meta('property', 'og:url')[0])
    expect(Number.isNaN(Date.parse(meta('property', 'article:published_time')[0]!))).toBe(false)
    expect(meta('property', 'article:author').length).toBeGreaterThan(0)
    meta('property', 'article:author').forEach(absolute)
    expect(meta('name', 'twitter:card')).toEqual(['summary_large_image'])
    absolute(meta('name', 'twitter:image')[0])
    expect(body).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="[^"]*\/feed.xml"/)
    const jsonLd = JSON.parse(body.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)![1]!)
    expect(jsonLd).toMatchObject({
      '@type': 'Article',
      headline: expect.stringContaining('Regain'),
      publisher: { name: 'Mindful Press' },
    })
    absolute(jsonLd.image[0])
    expect(jsonLd.author.map((author: { name: string }) => author.name)).toContain('Alinn Smith')
    expect(Number.isNaN(Date.parse(jsonLd.datePublished))).toBe(false)
    expect(Number.isNaN(Date.parse(jsonLd.dateModified))).toBe(false)
  })

  it('uses the editor’s SEO title and description when given', async () => {
    const { docs } = await api<{ docs: { id: number }[] }>('GET', `/articles?where[slug][equals]=${SEED_SLUG}&depth=0`)
    await api('PATCH', `/articles/${docs[0]!.id}`, {
      meta: { title: 'Trust, rebuilt: a guide', description: 'Six steps back to each other.' },
    })
    await waitFor(
      async () => (await page(`${app.url}/articles/${SEED_SLUG}`)).body.includes('content="Trust, rebuilt: a guide"'),
      'the SEO title',
      CHANGE_WINDOW_MS,
    )
    expect((await page(`${app.url}/articles/${SEED_SLUG}`)).body).toContain('content="Six steps back to each other."')
  })

  it('ships icons and a web manifest', async () => {
    for (const path of ['/favicon.ico', '/apple-icon.png', '/icon.svg'])
      expect((await page(`${app.url}${path}`)).status).toBe(200)
    const manifest = JSON.parse((await page(`${app.url}/manifest.webmanifest`)).body)
    expect(manifest).toMatchObject({ name: 'Mindful Press', start_url: '/' })
  })
})

describe('pages a reader expects', () => {
  it('pages through a list with ?page=N and rel prev/next links, and answers 404 past its end', async () => {
    const category = (await api<{ doc: Doc }>('POST', '/categories', { name: 'Long Reads' })).doc
    const author = (await api<{ doc: Doc }>('POST', '/authors', { name: 'Noor Patel' })).doc
    for (let i = 1; i <= 13; i++) {
      await api('POST', '/articles', {
        title: `Long read ${i}`,
        authors: [author.id],
        category: category.id,
        _status: 'published',
        publishedAt: new Date(Date.UTC(2024, 0, i)).toISOString(),
      })
    }
    const first = await page(`${app.url}/categories/${category.slug}`)
    expect(first.body).toContain('Long read 13')
    expect(first.body).not.toContain('Long read 1<')
    expect(first.body).toContain(`rel="next" href="/categories/${category.slug}?page=2"`)
    const second = await page(`${app.url}/categories/${category.slug}?page=2`)
    expect(second.status).toBe(200)
    expect(second.body).toContain('Long read 1<')
    expect(second.body).toContain(`rel="prev" href="/categories/${category.slug}"`)
    expect(second.body).toContain(`<link rel="canonical" href="${app.url}/categories/${category.slug}?page=2"`)
    expect((await page(`${app.url}/categories/${category.slug}?page=3`)).status).toBe(404)
    expect((await page(`${app.url}/authors/${author.slug}?page=2`)).status).toBe(200)
  })

  it('shows an author page with role line, bio and their articles', async () => {
    const { status, body } = await page(`${app.url}/authors/alinn-smith`)
    expect(status).toBe(200)
    expect(body).toContain('<h1>Alinn Smith</h1>')
    expect(body).toContain('How to Regain a Partner’s Lost Trust')
  })

  it('shows related articles of the same category under an article, newest first', async () => {
    const { body } = await page(`${app.url}/articles/long-read-5`)
    const related = body.slice(body.indexOf('More in Long Reads'))
    const order = ['Long read 13', 'Long read 12', 'Long read 11'].map((title) => related.indexOf(`>${title}<`))
    expect(order.every((index) => index > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(related).not.toContain('>Long read 5<')
  })

  it('answers unknown addresses with the magazine’s own 404 page', async () => {
    for (const path of [
      '/no-such-page',
      '/articles/no-such-story',
      '/authors/nobody',
      '/categories/none',
      '/articles/BAD%20SLUG',
      '/?page=999',
    ]) {
      const { status, body } = await page(`${app.url}${path}`)
      expect(status, path).toBe(404)
      expect(body, path).toContain('We couldn’t find that page')
    }
  })

  it('gives the article a hero picture with alt text, srcset, width and height', async () => {
    const { body } = await page(`${app.url}/articles/${SEED_SLUG}`)
    const hero = body.match(/<figure class="hero"><img ([^>]+)>/)?.[1] ?? ''
    expect(hero).toMatch(/alt="[^"]{10,}"/)
    expect(hero).toMatch(/srcSet="[^"]+ \d+w, [^"]+ \d+w/)
    expect(hero).toMatch(/width="\d+"/)
    expect(hero).toMatch(/height="\d+"/)
  })

  it('lets browsers keep pictures for a year: their addresses never name another file', async () => {
    const { body } = await page(`${app.url}/articles/${SEED_SLUG}`)
    const picture = body.match(/<figure class="hero"><img [^>]*src="([^"]+)"/)?.[1]
    const address = new URL(picture!.replaceAll('&amp;', '&'), app.url)
    expect(address.pathname).toMatch(/^\/api\/media\/file\//)
    const response = await fetch(address)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^image\//)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('asks for the colour-scheme hint on the admin only, so a first visit fetches a page once', async () => {
    for (const path of [`/articles/${SEED_SLUG}`, '/', '/newsletter']) {
      const { headers } = await page(`${app.url}${path}`)
      expect(headers.get('critical-ch'), path).toBeNull()
      expect(headers.get('accept-ch'), path).toBeNull()
    }
    const admin = await fetch(`${app.url}/admin/login`, { redirect: 'manual' })
    expect(admin.headers.get('critical-ch')).toBe('Sec-CH-Prefers-Color-Scheme')
  })
})

describe('security headers', () => {
  const expectCommon = (headers: Headers) => {
    expect(headers.get('x-content-type-options')).toBe('nosniff')
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(headers.get('permissions-policy')).toContain('camera=()')
  }

  it('serves cached pages as documents: no client runtime, and a policy that runs no script', async () => {
    for (const path of [`/articles/${SEED_SLUG}`, '/', '/authors/alinn-smith']) {
      // The first answer (rendered now) and the next (from the cache) alike.
      for (let attempt = 0; attempt < 2; attempt++) {
        const { headers, body } = await page(`${app.url}${path}`)
        expectCommon(headers)
        const policy = headers.get('content-security-policy') ?? ''
        expect(policy).toContain("script-src 'none'")
        expect(policy).toContain("frame-ancestors 'none'")
        expect(policy).not.toContain('unsafe-inline')
        const scripts = [...body.matchAll(/<script[^>]*>/g)].map((match) => match[0])
        expect(
          scripts.every((tag) => tag.includes('application/ld+json')),
          `${path}: ${scripts.join(' ')}`,
        ).toBe(true)
        expect(body).not.toContain('as="script"')
      }
    }
  })

  it('sends a nonce-based policy with a page rendered per request, and a strict one with the API', async () => {
    const form = await page(`${app.url}/newsletter`)
    expectCommon(form.headers)
    const nonce = form.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1]
    expect(nonce).toBeTruthy()
    expect(form.body).toContain(`nonce="${nonce}"`)
    const api = await page(`${app.url}/api/health`)
    expectCommon(api.headers)
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'")
  })
})

describe('draft preview', () => {
  it('refuses the preview link without a staff session', async () => {
    const { docs } = await api<{ docs: { id: number }[] }>('GET', `/articles?where[slug][equals]=${SEED_SLUG}&depth=0`)
    const refused = await page(`${app.url}/preview/articles/${docs[0]!.id}`)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('set-cookie') ?? '').not.toContain('__prerender_bypass')
  })

  it('shows staff the draft, uncached and not for search engines, while readers keep the published page', async () => {
    const { docs } = await api<{ docs: { id: number }[] }>('GET', `/articles?where[slug][equals]=${SEED_SLUG}&depth=0`)
    const id = docs[0]!.id
    await api('PATCH', `/articles/${id}?draft=true`, { title: 'How to Regain Trust (draft title)', _status: 'draft' })
    const login = await fetch(`${app.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    const session = login.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ')
    // As a browser sends it when the admin's Preview button opens the link (Payload's CSRF check reads it).
    const browser = { 'sec-fetch-site': 'same-origin' }
    const enter = await fetch(`${app.url}/preview/articles/${id}`, {
      headers: { cookie: session, ...browser },
      redirect: 'manual',
    })
    expect(enter.status).toBe(307)
    expect(enter.headers.get('location')).toBe(`/articles/${SEED_SLUG}`)
    const cookies = [session, ...enter.headers.getSetCookie().map((cookie) => cookie.split(';')[0])].join('; ')
    const preview = await fetch(`${app.url}/articles/${SEED_SLUG}`, { headers: { cookie: cookies, ...browser } })
    const body = await preview.text()
    expect(body).toContain('How to Regain Trust (draft title)')
    expect(body).toMatch(/<meta name="robots" content="noindex, nofollow"/)
    expect(preview.headers.get('cache-control')).toMatch(/no-store/)
    // The draft cookie alone (signed out) shows nothing unpublished.
    const draftCookieOnly = enter.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ')
    expect(
      await (
        await fetch(`${app.url}/articles/${SEED_SLUG}`, { headers: { cookie: draftCookieOnly, ...browser } })
      ).text(),
    ).not.toContain('(draft title)')
    // Readers still see the published article.
    expect((await page(`${app.url}/articles/${SEED_SLUG}`)).body).not.toContain('(draft title)')
  })
})

describe('newsletter archive', () => {
  it('can be switched off in Settings', async () => {
    expect((await page(`${app.url}/newsletter/archive`)).status).toBe(200)
    await api('POST', '/globals/settings', { archiveOnWeb: false })
    await waitFor(
      async () => (await page(`${app.url}/newsletter/archive`)).status === 404,
      'the archive to be switched off',
      CHANGE_WINDOW_MS,
    ).catch(async (error) => {
      const now = await page(`${app.url}/newsletter/archive`)
      const settings = await api('GET', '/globals/settings')
      throw new Error(
        `${error}\n${now.status} ${now.headers.get('x-nextjs-cache')} ${JSON.stringify(settings).slice(0, 300)}\n${app.output().slice(-3000)}`,
      )
    })
    await api('POST', '/globals/settings', { archiveOnWeb: true })
    await waitFor(
      async () => (await page(`${app.url}/newsletter/archive`)).status === 200,
      'the archive to be back',
      CHANGE_WINDOW_MS,
    )
  })
})
