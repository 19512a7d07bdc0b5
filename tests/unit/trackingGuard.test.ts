import { describe, expect, it } from 'vitest'

import { renderDigest } from '@/emails/digest'
import { trackingProblems } from '@/src/services/insights/trackingGuard'

/** The guard before an edition is frozen: our own digest passes; anything that would tell another server who read it does not. */

const SITE = 'https://mindful.example'
const TOKEN = 'MMREADERLINKTOKENABCQX'
const NAME = 'MMREADERGREETINGNAMEABCQX'
const readers = [TOKEN, NAME]
const problemsOf = (body: string) => trackingProblems(`<html><body>${body}</body></html>`, SITE, readers)

describe('the tracking guard', () => {
  it('lets our own digest through, with its pictures, reader links and story links', async () => {
    const email = await renderDigest({
      newsletter: { name: 'Mindful Moments', cadence: 'biweekly' },
      number: 7,
      date: '3 December 2026',
      subject: 'Mindful Moments #7',
      editorsNote: 'Hello.',
      articles: [
        {
          title: 'Slow Mornings',
          url: `${SITE}/r/7/1/abcdefghijklmnop`,
          image: { url: `${SITE}/api/media/file/slow.jpg`, alt: 'A cup', width: 1200, height: 800 },
          feedback: { more: `${SITE}/f/7/1/more/abcdefghijklmnop`, less: `${SITE}/f/7/1/less/abcdefghijklmnop` },
        },
        { title: 'Elsewhere', url: 'https://another-magazine.example/a-story-we-liked' },
      ],
      postalAddress: 'Boulder',
      whatWeCountUrl: `${SITE}/privacy/what-we-count`,
      greetingName: NAME,
      webVersionUrl: `${SITE}/newsletter/editions/7`,
      manageUrl: `${SITE}/newsletter/manage?token=${TOKEN}`,
      pauseUrl: `${SITE}/newsletter/pause?token=${TOKEN}`,
      unsubscribeUrl: `${SITE}/newsletter/unsubscribe?token=${TOKEN}`,
    })
    expect(trackingProblems(email.html, SITE, readers)).toEqual([])
  })

  it('refuses a pixel, wherever it loads from', () => {
    expect(problemsOf(`<img src="${SITE}/api/media/file/p.gif" width="1" height="1">`)).toEqual([
      'It holds a hidden or 1×1 picture (a tracking pixel).',
    ])
    expect(problemsOf(`<img src="${SITE}/x.gif" style="display: none">`)).toHaveLength(1)
  })

  it('refuses pictures, stylesheets and backgrounds from other servers', () => {
    expect(problemsOf('<img src="https://tracker.example/open.gif?e=7" width="600">')).toEqual([
      'It loads something from tracker.example as the email opens.',
    ])
    expect(problemsOf('<link rel="stylesheet" href="https://fonts.example/css">')).toHaveLength(1)
    expect(problemsOf('<td style="background-image: url(\'https://cdn.example/bg.png\')">')).toHaveLength(1)
    expect(problemsOf('<style>.x { background: url(https://cdn.example/bg.png) }</style>')).toHaveLength(1)
  })

  it('refuses links to other sites that carry a reader’s token, name or any address', () => {
    expect(problemsOf(`<a href="https://shop.example/?ref=${TOKEN}">x</a>`)).toEqual([
      'A link to shop.example carries a reader’s data.',
    ])
    expect(problemsOf(`<a href="https://shop.example/hi/${NAME}">x</a>`)).toHaveLength(1)
    expect(problemsOf('<a href="https://shop.example/?u=reader%40example.org">x</a>')).toHaveLength(1)
    expect(problemsOf('<a href="https://shop.example/sale">x</a>')).toEqual([])
    expect(problemsOf('<a href="mailto:moments@mindful.example">x</a>')).toEqual([])
  })
})
