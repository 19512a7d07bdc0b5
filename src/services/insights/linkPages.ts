import config from '@payload-config'
import { getPayload } from 'payload'

import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { answerLinkRequest } from '../platform/linkRequests'
import { clientAddress, PublicRequestError } from '../platform/publicRequests'
import { idOf } from '../platform/records'
import { redisClient } from '../platform/redis'
import { countFollow } from './clicks'
import { count } from './counters'
import { FEEDBACK_KINDS, isEditionLink, isFeedbackLink, type FeedbackKind } from './editionLinks'

/**
 * The pages behind an edition's story links: `/r/…` counts the follow and sends the reader on
 * to the story; `/f/…` asks "more (or fewer) like this?" on GET and counts the answer on POST
 * (mail scanners follow every link; only a person presses the button). Neither keeps anything
 * about who asked.
 */

const NOT_OURS =
  'This link is not one of ours, or part of it went missing on the way. The stories are on our home page.'
const GONE = 'This story is no longer online. The latest stories are on our home page.'

type Story = { slug: string; title: string; stories: number }

/** The published article the edition links to, with the number of stories in the edition; a 404 otherwise. */
async function storyOfEdition(edition: string, article: string): Promise<Story> {
  const payload = await getPayload({ config })
  const { docs } = await payload.find({
    collection: 'editions',
    where: { id: { equals: edition } },
    select: { articles: true },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const stories = (docs[0]?.articles ?? []).map((story) => String(idOf(story)))
  if (!stories.includes(article)) throw new PublicRequestError(404, NOT_OURS)
  const { docs: published } = await payload.find({
    collection: 'articles',
    where: { and: [{ id: { equals: article } }, { _status: { equals: 'published' } }] },
    select: { slug: true, title: true },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const found = published[0]
  if (!found?.slug) throw new PublicRequestError(404, GONE)
  return { slug: found.slug, title: found.title, stories: stories.length }
}

type LinkParams = { params: Promise<{ edition: string; article: string; signature: string }> }

/** GET (and HEAD) /r/<edition>/<article>/<signature>: the story as it is now (a slug changed since still leads there). */
export function followEditionLink(request: Request, { params }: LinkParams): Promise<Response> {
  return answerLinkRequest(
    request,
    async () => {
      const { edition, article, signature } = await params
      // Checked before the database is asked: a made-up link costs a hash, not a query.
      if (!isEditionLink(edition, article, signature)) throw new PublicRequestError(404, NOT_OURS)
      const story = await storyOfEdition(edition, article)
      await countFollow(redisClient(), {
        edition,
        article,
        links: story.stories,
        method: request.method,
        userAgent: request.headers.get('user-agent'),
        client: clientAddress(request),
      })
      return new Response(null, {
        status: 302,
        headers: { location: `/articles/${story.slug}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      })
    },
    { problemTitle: 'This link does not lead anywhere' },
  )
}

type FeedbackParams = { params: Promise<{ edition: string; article: string; kind: string; signature: string }> }

const QUESTION: Record<FeedbackKind, { title: string; button: string; thanks: string }> = {
  more: { title: 'More stories like this?', button: 'Yes, more like this', thanks: 'more stories like it' },
  less: { title: 'Fewer stories like this?', button: 'Yes, fewer like this', thanks: 'fewer stories like it' },
}

async function feedbackStory(params: FeedbackParams['params']) {
  const { edition, article, kind, signature } = await params
  if (
    !(FEEDBACK_KINDS as readonly string[]).includes(kind) ||
    !isFeedbackLink(edition, article, kind as FeedbackKind, signature)
  )
    throw new PublicRequestError(404, NOT_OURS)
  return { edition, article, kind: kind as FeedbackKind, story: await storyOfEdition(edition, article) }
}

/** GET /f/…: the question, with one button. It counts nothing. */
export function feedbackQuestion(request: Request, { params }: FeedbackParams): Promise<Response> {
  return answerLinkRequest(
    request,
    async () => {
      const { kind, story } = await feedbackStory(params)
      const question = QUESTION[kind]
      return htmlPage(
        200,
        question.title,
        `<h1>${escapeHtml(question.title)}</h1>
<p>You are telling our editors about <a href="/articles/${escapeHtml(story.slug)}">${escapeHtml(story.title)}</a>. We count the answer for the story, not for you: nobody will know it was you.</p>
<form method="post" action="${escapeHtml(new URL(request.url).pathname)}">
  <button type="submit">${escapeHtml(question.button)}</button>
</form>`,
      )
    },
    { problemTitle: 'This link does not lead anywhere' },
  )
}

/** POST /f/…: counts the answer for the story of the edition. */
export function feedbackAnswer(request: Request, { params }: FeedbackParams): Promise<Response> {
  return answerLinkRequest(
    request,
    async () => {
      const { edition, article, kind, story } = await feedbackStory(params)
      await count(kind === 'more' ? 'feedback.more' : 'feedback.less', `${edition}:${article}`)
      return htmlPage(
        200,
        'Thank you',
        `<h1>Thank you</h1>
<p>Our editors will see that a reader would like ${QUESTION[kind].thanks} as <a href="/articles/${escapeHtml(story.slug)}">${escapeHtml(story.title)}</a>. It is counted as a number for the story, with nothing about you.</p>
<p><a href="/">Read the latest stories</a></p>`,
      )
    },
    { problemTitle: 'This link does not lead anywhere' },
  )
}
