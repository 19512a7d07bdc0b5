import { escapeHtml, htmlPage } from '@/src/views/htmlPage'
import { logger } from './logger'
import { asPublicError, clientAddress, errorResponse, PublicRequestError } from './publicRequests'
import { consume, LIMITS } from './rateLimits'

/** What every page behind a link in an email shares: the token, the limits, the error pages. */

/** The largest body a link page takes: a contributor's revised article. */
export const MAX_LINK_BODY_BYTES = 256 * 1024

export const tokenOf = (request: Request) => new URL(request.url).searchParams.get('token') ?? ''

type Options = {
  /** A page for the caller's own errors (e.g. an expired link); undefined for the rest. */
  pageFor?: (error: unknown) => Response | undefined
  /** The heading of the error page for anything else. */
  problemTitle: string
}

export async function answerLinkRequest(
  request: Request,
  work: () => Promise<Response>,
  { pageFor, problemTitle }: Options,
): Promise<Response> {
  try {
    await consume(LIMITS.linksPerClient, clientAddress(request))
    if (Number(request.headers.get('content-length') ?? '0') > MAX_LINK_BODY_BYTES) {
      throw new PublicRequestError(413, 'The request is too large.')
    }
    return await work()
  } catch (error) {
    const page = pageFor?.(error)
    if (page) return page
    const problem = asPublicError(error, 'Something went wrong on our side. Please try again in a minute.')
    if (problem !== error) logger.error({ err: error, path: new URL(request.url).pathname }, 'link page failed')
    if ([413, 415, 429].includes(problem.status)) return errorResponse(problem)
    return htmlPage(
      problem.status,
      problemTitle,
      `<h1>${escapeHtml(problemTitle)}</h1><p>${escapeHtml(problem.message)}</p>`,
    )
  }
}
