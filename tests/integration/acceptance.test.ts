import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextOf } from '@/src/services/editorial/articleEditor'
import type { User } from '@/src/payload-types'
import { seedDemoContent } from '@/src/seed/seedDemoContent'
import { startPayload, type TestPayload } from '../helpers/payload'

/** Accepting a guest submission makes a guest author and a draft article, or nothing at all. */

/** Every link a reader could click in a rich-text document. */
function linkUrls(document: unknown): string[] {
  const urls: string[] = []
  const visit = (node: { type?: string; fields?: { url?: string }; children?: unknown[] }) => {
    if (node.type === 'link' || node.type === 'autolink') urls.push(node.fields?.url ?? '')
    node.children?.forEach((child) => visit(child as typeof node))
  }
  visit((document as { root: Parameters<typeof visit>[0] }).root)
  return urls
}

let test: TestPayload
let editor: User

async function acceptedSubmission(overrides: Record<string, unknown> = {}) {
  const submission = await test.payload.create({
    collection: 'submissions',
    data: {
      status: 'received',
      contributor: {
        name: 'Maya Guest',
        email: 'maya@example.org',
        roleLine: 'Couples therapist',
        bio: 'Maya writes about slow love.',
        links: [{ url: 'https://maya.example/about' }],
      },
      title: 'Listening Before Speaking',
      pitch: 'What changed when we listened first.',
      body: '## Start here\n\nWe tried **silence** first. [A safe link](https://ok.example) and [a bad one](javascript:void).\n\n<script>alert(2)</script>',
      ...overrides,
    },
  })
  await test.payload.update({
    collection: 'submissions',
    id: submission.id,
    data: { status: 'in_review' },
    user: editor,
  })
  return test.payload.update({
    collection: 'submissions',
    id: submission.id,
    data: { status: 'accepted' },
    user: editor,
    depth: 0,
  })
}

beforeAll(async () => {
  test = await startPayload()
  await seedDemoContent(test.payload)
  editor = await test.payload.create({
    collection: 'users',
    data: { name: 'Edna', email: 'edna@mindful.test', password: 'editor-password-1', role: 'editor' },
  })
})
afterAll(() => test?.close())

describe('accepting a guest submission', () => {
  it('creates the guest author from the contributor, with their private address kept private', async () => {
    const submission = await acceptedSubmission()
    const author = await test.payload.findByID({ collection: 'authors', id: submission.author as number })
    expect(author).toMatchObject({
      name: 'Maya Guest',
      roleLine: 'Couples therapist',
      bio: 'Maya writes about slow love.',
      isGuest: true,
      contactEmail: 'maya@example.org',
    })
    expect(author.links?.map((l) => [l.label, l.url])).toEqual([['maya.example', 'https://maya.example/about']])
    // Private until an article of theirs is published; then public, without the address.
    await expect(
      test.payload.findByID({ collection: 'authors', id: author.id, overrideAccess: false }),
    ).rejects.toThrow()
    await test.payload.update({
      collection: 'articles',
      id: submission.article as number,
      data: { _status: 'published' },
      user: editor,
    })
    const asPublic = await test.payload.findByID({ collection: 'authors', id: author.id, overrideAccess: false })
    expect(asPublic).not.toHaveProperty('contactEmail')
  })

  it('creates a draft article in "Guest Contributor" with the Markdown as rich text, hidden from the public', async () => {
    const submission = await acceptedSubmission({
      title: 'A Second Story',
      contributor: { name: 'Maya Guest', email: 'maya@example.org', bio: 'Bio' },
    })
    const article = await test.payload.findByID({
      collection: 'articles',
      id: submission.article as number,
      draft: true,
      depth: 1,
    })
    expect(article._status).toBe('draft')
    expect(article.title).toBe('A Second Story')
    expect(article.dek).toBe('What changed when we listened first.')
    expect(typeof article.category === 'object' && article.category?.name).toBe('Guest Contributor')
    expect(typeof article.submission === 'object' ? article.submission?.id : article.submission).toBe(submission.id)
    const nodes = (article.body as { root: { children: Array<{ type: string; tag?: string }> } }).root.children
    expect(nodes[0]).toMatchObject({ type: 'heading', tag: 'h2' })
    const text = plainTextOf(article.body)
    expect(text).toContain('We tried silence first.')
    expect(JSON.stringify(article.body)).toContain('"format":1')
    expect(linkUrls(article.body)).toEqual(['https://ok.example'])
    expect(text).toContain('a bad one')
    expect(text).toContain('<script>alert(2)</script>')
    await expect(
      test.payload.findByID({ collection: 'articles', id: article.id, overrideAccess: false }),
    ).rejects.toThrow()
  })

  it('never puts a stranger under a staff writer’s byline by using that writer’s address', async () => {
    const staffWriter = await test.payload.create({
      collection: 'authors',
      data: { name: 'Staff Writer', isGuest: false, contactEmail: 'writer@mindful.test' },
    })
    const submission = await acceptedSubmission({
      title: 'Impostor',
      contributor: { name: 'Staff Writer', email: 'writer@mindful.test', bio: 'Bio' },
    })
    expect(submission.author).not.toBe(staffWriter.id)
    const made = await test.payload.findByID({ collection: 'authors', id: submission.author as number, depth: 0 })
    expect(made).toMatchObject({ isGuest: true, name: 'Staff Writer' })
  })

  it('puts a returning contributor under the author an editor chose for the byline', async () => {
    const first = await acceptedSubmission({
      title: 'Third',
      contributor: { name: 'Returning', email: 'returning@example.org', bio: 'Bio' },
    })
    const second = await acceptedSubmission({
      title: 'Fourth',
      contributor: { name: 'Returning', email: 'returning@example.org', bio: 'Bio' },
      bylineAuthor: first.author,
    })
    expect(second.author).toBe(first.author)
  })

  it('keeps a guest author off the site until an article of theirs is published', async () => {
    const submission = await acceptedSubmission({
      title: 'Not Yet',
      contributor: { name: 'Private Guest', email: 'private@example.org', bio: 'Secret bio' },
    })
    const asPublic = () =>
      test.payload.find({
        collection: 'authors',
        where: { id: { equals: submission.author } },
        overrideAccess: false,
        depth: 0,
      })
    expect((await asPublic()).docs).toHaveLength(0)
    // Nobody can mark it public but the system.
    await test.payload.update({
      collection: 'authors',
      id: submission.author as number,
      data: { hasPublishedArticle: true },
      user: editor,
      overrideAccess: false,
    })
    expect((await asPublic()).docs).toHaveLength(0)
    await test.payload.update({
      collection: 'articles',
      id: submission.article as number,
      data: { _status: 'published' },
      user: editor,
    })
    expect((await asPublic()).docs.map((author) => author.name)).toEqual(['Private Guest'])
  })

  it('keeps the history as the workflow wrote it: an editor cannot rewrite who decided what', async () => {
    const submission = await acceptedSubmission({ title: 'History' })
    const history = submission.history
    await test.payload.update({
      collection: 'submissions',
      id: submission.id,
      data: {
        history: [{ to: 'accepted', at: '2020-01-01T00:00:00.000Z', message: 'rewritten' }],
        reference: 'FORGED',
      } as never,
      user: editor,
      overrideAccess: false,
    })
    const after = await test.payload.findByID({ collection: 'submissions', id: submission.id, depth: 0 })
    expect(after.history).toEqual(history)
    expect(after.reference).toBe(submission.reference)
  })

  it('uses the category an editor picked', async () => {
    const [category] = (
      await test.payload.find({ collection: 'categories', where: { slug: { equals: 'dating-and-relationships' } } })
    ).docs
    const submission = await acceptedSubmission({ title: 'Picked', category: category.id })
    const article = await test.payload.findByID({
      collection: 'articles',
      id: submission.article as number,
      draft: true,
      depth: 0,
    })
    expect(article.category).toBe(category.id)
  })
})

describe('slugs made from titles', () => {
  it('are numbered when taken, so two stories may share a title', async () => {
    const first = await acceptedSubmission({ title: 'Same Title' })
    const second = await acceptedSubmission({ title: 'Same Title' })
    const slugOf = async (id: unknown) =>
      (await test.payload.findByID({ collection: 'articles', id: id as number, draft: true })).slug
    expect([await slugOf(first.article), await slugOf(second.article)]).toEqual(['same-title', 'same-title-2'])
  })
})
