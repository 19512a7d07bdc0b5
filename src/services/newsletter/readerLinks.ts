import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { answerLinkRequest } from '../platform/linkRequests'
import { SubscriptionLinkError } from './subscriptions'

/**
 * How the pages behind a reader's own link (manage, pause, their data) answer: a broken or
 * outdated link says so and points to the sign-up page; anything else is the page's problem.
 */
export const answerReaderLink = (request: Request, problemTitle: string, work: () => Promise<Response>) =>
  answerLinkRequest(request, work, {
    pageFor: (error) =>
      error instanceof SubscriptionLinkError
        ? htmlPage(
            400,
            'This link does not work',
            `<h1>This link does not work</h1>\n<p>${escapeHtml(error.message)}</p>\n<p><a href="/newsletter">Go to the sign-up page</a></p>`,
          )
        : undefined,
    problemTitle,
  })
