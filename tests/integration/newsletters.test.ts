import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Edition, Newsletter } from '@/src/payload-types'
import { seedDemoContent } from '@/src/seed/seedDemoContent'
import { startSending } from '@/src/services/digest/send'
import { LEFT_THE_NEWSLETTER } from '@/src/services/digest/deliver'
import { leaveNewsletter, unsubscribe } from '@/src/services/newsletter/subscriptions'
import { createEdition, resetSink, startDigestRig, waitForStatus, type DigestRig } from '../helpers/digest'
import type { CapturedMessage } from '../helpers/smtpSink'

/**
 * Several newsletters through the real worker process, Redis and an SMTP server on loopback:
 * each edition reaches its own newsletter's readers, each with the stories of their topics,
 * once; leaving one newsletter (its message's own unsubscribe link) leaves the other; leaving
 * all ends the subscription; a special edition written as a letter reaches exactly the readers
 * of its topics, and a letter carrying a tracking pixel is refused before anyone gets it.
 */

type Topic = 'Dating' | 'Trust'
const STORIES: Array<[string, Topic]> = [
  ['Slow Dating, Explained', 'Dating'],
  ['Trust Is a Daily Practice', 'Trust'],
  ['What a Third Date Can Tell You', 'Dating'],
]
/** Each reader: their newsletters and topics. */
const READERS: Record<string, { newsletters: Array<'mm' | 'll'>; topics: Topic[]; status?: 'unsubscribed' }> = {
  'both-dating': { newsletters: ['mm', 'll'], topics: ['Dating'] },
  'both-everything': { newsletters: ['mm', 'll'], topics: [] },
  'moments-only': { newsletters: ['mm'], topics: [] },
  'letters-trust': { newsletters: ['ll'], topics: ['Trust'] },
  gone: { newsletters: ['mm', 'll'], topics: [], status: 'unsubscribed' },
}

let rig: DigestRig
let moments: Newsletter
let letters: Newsletter
const topicIds = new Map<Topic, number>()
const articleIds: number[] = []

async function prepare({ payload }: DigestRig['local']) {
  await seedDemoContent(payload)
  await payload.updateGlobal({ slug: 'settings', data: { sendRatePerSecond: 10_000 } })
  moments = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'mindful-moments' } } })).docs[0]
  letters = await payload.create({
    collection: 'newsletters',
    data: {
      name: 'Love Letters',
      slug: 'love-letters',
      description: 'Now and then, a letter from the editors.',
      cadence: 'manual',
      weekday: 'monday',
      sendTime: '09:00',
    },
  })
  const { docs: authors } = await payload.find({ collection: 'authors', limit: 1, depth: 0 })
  for (const name of ['Dating', 'Trust'] as const)
    topicIds.set(name, (await payload.create({ collection: 'categories', data: { name }, depth: 0 })).id)
  for (const [title, topic] of STORIES)
    articleIds.push(
      (
        await payload.create({
          collection: 'articles',
          data: {
            title,
            dek: `About ${title.toLowerCase()}`,
            category: topicIds.get(topic),
            authors: [authors[0].id],
            publishedAt: new Date().toISOString(),
            _status: 'published',
          },
          depth: 0,
        })
      ).id,
    )
  for (const [name, reader] of Object.entries(READERS))
    await payload.create({
      collection: 'subscribers',
      data: {
        email: `${name}@readers.test`,
        status: reader.status ?? 'active',
        newsletters: reader.newsletters.map((which) => (which === 'mm' ? moments : letters).id),
        topics: reader.topics.map((topic) => topicIds.get(topic)!),
        consent: { givenAt: '2026-01-01T00:00:00.000Z', source: 'test', wording: 'Yes', wordingVersion: '1' },
      },
      overrideAccess: true,
      depth: 0,
    })
}

beforeAll(async () => {
  rig = await startDigestRig({ workerEnv: { DIGEST_BATCH_SIZE: '2' }, prepare })
}, 180_000)

afterAll(() => rig?.close())

/** Sends an edition and waits until it is done; the messages it sent, by reader name. */
async function send(edition: Edition, status: Edition['status'] = 'sent') {
  resetSink(rig.sink)
  await startSending(rig.local.payload, edition.id, rig.queues.jobs)
  const done = await waitForStatus(rig.local.payload, edition.id, status)
  const byReader = new Map<string, CapturedMessage[]>()
  for (const message of rig.sink.messages)
    for (const to of message.envelopeTo) {
      const name = to.replace('@readers.test', '')
      byReader.set(name, [...(byReader.get(name) ?? []), message])
    }
  return { edition: done, byReader }
}

/** The stories in a message, by their place in STORIES, in the order they appear. */
function storiesIn(message: CapturedMessage): number[] {
  const text = message.parsed.text ?? ''
  return STORIES.map(([title], index) => ({ index, at: text.indexOf(title) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ index }) => index)
}

const headerOf = (message: CapturedMessage, name: string) =>
  message.raw
    .slice(0, message.raw.indexOf('\r\n\r\n'))
    .replace(/\r\n[ \t]+/g, ' ')
    .match(new RegExp(`^${name}: (.*)$`, 'im'))?.[1]

/** The reader's one-click link for the newsletter this message came from. */
const listUnsubscribeOf = (message: CapturedMessage) =>
  headerOf(message, 'List-Unsubscribe')!.match(/<(https:[^>]+)>/)![1]

describe('two newsletters, two topics', () => {
  it('gives each reader exactly the right stories from each newsletter, once', { timeout: 120_000 }, async () => {
    const digest = await createEdition(rig.local.payload, {
      subject: 'Mindful Moments #1: Slow dating and trust',
      articles: [articleIds[0], articleIds[1]],
    })
    expect(digest.newsletter).toBe(moments.id)
    const first = await send(digest)
    expect([...first.byReader.keys()].sort()).toEqual(['both-dating', 'both-everything', 'moments-only'])
    expect(storiesIn(first.byReader.get('both-dating')![0])).toEqual([0])
    expect(storiesIn(first.byReader.get('both-everything')![0])).toEqual([0, 1])
    expect(storiesIn(first.byReader.get('moments-only')![0])).toEqual([0, 1])

    const special = await createEdition(rig.local.payload, {
      subject: 'Love Letters: trust and third dates',
      newsletter: letters.id,
      articles: [articleIds[1], articleIds[2]],
    })
    const second = await send(special)
    expect([...second.byReader.keys()].sort()).toEqual(['both-dating', 'both-everything', 'letters-trust'])
    expect(storiesIn(second.byReader.get('both-dating')![0])).toEqual([2])
    expect(storiesIn(second.byReader.get('both-everything')![0])).toEqual([1, 2])
    expect(storiesIn(second.byReader.get('letters-trust')![0])).toEqual([1])
    for (const messages of [...first.byReader.values(), ...second.byReader.values()]) {
      expect(messages).toHaveLength(1)
      expect(messages[0].envelopeTo).toHaveLength(1)
    }
    // Each message names its own list, and its one-click link leaves that list.
    const fromLetters = second.byReader.get('both-everything')![0]
    expect(headerOf(fromLetters, 'List-Id')).toBe('Love Letters <love-letters.mindful.test>')
    expect(listUnsubscribeOf(fromLetters)).toMatch(/&newsletter=love-letters$/)
    expect(fromLetters.parsed.text).toContain('You get Love Letters now and then because you subscribed on our site.')
    expect(headerOf(first.byReader.get('both-everything')![0], 'List-Id')).toBe(
      'Mindful Moments <mindful-moments.mindful.test>',
    )
  })

  it('leaves only the newsletter a one-click link came from; the next edition of the other still arrives', async () => {
    const { payload } = rig.local
    const digest = await createEdition(payload, { subject: 'Mindful Moments #2', articles: [articleIds[0]] })
    const letter = await createEdition(payload, {
      subject: 'Love Letters #2',
      newsletter: letters.id,
      articles: [articleIds[2]],
    })
    const before = await send(letter)
    const link = new URL(listUnsubscribeOf(before.byReader.get('both-everything')![0]))
    const left = await leaveNewsletter(payload, link.searchParams.get('token'), link.searchParams.get('newsletter')!)
    expect(left.leftAll).toBe(false)
    expect(left.subscriber.status).toBe('active')
    expect(left.subscriber.newsletters).toEqual([moments.id])
    expect(left.subscriber.newsletterConsents?.map((consent) => consent.newsletter)).toEqual([moments.id])
    // Twice (a mail app's retry) changes nothing more.
    expect(
      (await leaveNewsletter(payload, link.searchParams.get('token'), 'love-letters')).subscriber.newsletters,
    ).toEqual([moments.id])

    const after = await send(digest)
    expect(after.byReader.get('both-everything')).toHaveLength(1)
    const nextLetter = await createEdition(payload, {
      subject: 'Love Letters #3',
      newsletter: letters.id,
      articles: [articleIds[2]],
    })
    const third = await send(nextLetter)
    expect(third.byReader.has('both-everything')).toBe(false)
    expect(third.byReader.has('both-dating')).toBe(true)
  })

  it('skips a reader who left the newsletter after the fan-out, saying so', async () => {
    const { payload } = rig.local
    const edition = await createEdition(payload, {
      subject: 'Love Letters #4',
      newsletter: letters.id,
      articles: [articleIds[2]],
    })
    // Fanned out with the worker stopped, then the reader leaves, then the worker sends.
    await rig.stopWorker()
    resetSink(rig.sink)
    await startSending(payload, edition.id, rig.queues.jobs)
    const { sendEdition } = await import('@/src/services/digest/send')
    await sendEdition(payload, edition.id, rig.queues.jobs, 2)
    const { docs } = await payload.find({
      collection: 'subscribers',
      where: { email: { equals: 'both-dating@readers.test' } },
    })
    const { unsubscribeToken } = await import('@/src/services/newsletter/links')
    await leaveNewsletter(payload, unsubscribeToken(docs[0]), 'love-letters')
    await rig.restartWorker()
    await waitForStatus(payload, edition.id, 'sent')
    expect(rig.sink.messages.flatMap((message) => message.envelopeTo)).not.toContain('both-dating@readers.test')
    const { docs: batches } = await payload.find({
      collection: 'deliveries',
      where: { edition: { equals: edition.id } },
    })
    const outcomes = batches.flatMap((batch) =>
      Object.entries(batch.outcomes as Record<string, { status: string; error?: string }>),
    )
    expect(outcomes.find(([id]) => String(id) === String(docs[0].id))?.[1]).toMatchObject({
      status: 'skipped',
      error: LEFT_THE_NEWSLETTER,
    })
  })

  it('ends the subscription when a reader leaves their last newsletter, or all of them', async () => {
    const { payload } = rig.local
    const { unsubscribeToken } = await import('@/src/services/newsletter/links')
    const reader = async (name: string) =>
      (await payload.find({ collection: 'subscribers', where: { email: { equals: `${name}@readers.test` } } })).docs[0]
    const last = await leaveNewsletter(payload, unsubscribeToken(await reader('moments-only')), 'mindful-moments')
    expect(last.leftAll).toBe(true)
    expect(last.subscriber.status).toBe('unsubscribed')
    expect((await unsubscribe(payload, unsubscribeToken(await reader('both-everything')))).status).toBe('unsubscribed')
    const digest = await createEdition(payload, { subject: 'Mindful Moments #3', articles: [articleIds[0]] })
    const sent = await send(digest)
    expect([...sent.byReader.keys()]).toEqual(['both-dating'])
  })
})

describe('a special edition', () => {
  const letter = (children: unknown[]) => ({
    root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children },
  })
  const paragraph = (text: string, extra: unknown[] = []) => ({
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }, ...extra],
  })

  it('written as a letter for one topic, reaches exactly the readers of that topic', { timeout: 120_000 }, async () => {
    const edition = await createEdition(rig.local.payload, {
      subject: 'A call for guest writers on trust',
      newsletter: letters.id,
      topics: [topicIds.get('Trust')!],
      letter: letter([paragraph('We are looking for guest writers who have rebuilt trust.')]) as Edition['letter'],
      showInArchive: false,
    })
    const { byReader, edition: sent } = await send(edition)
    expect([...byReader.keys()]).toEqual(['letters-trust'])
    const message = byReader.get('letters-trust')![0]
    expect(message.parsed.text).toContain('We are looking for guest writers who have rebuilt trust.')
    expect(message.parsed.subject).toBe('A call for guest writers on trust')
    expect(sent.stats).toMatchObject({ recipients: 1, sent: 1 })
    // Kept off the web archive, as the editor asked.
    const { webVersionHtml } = await import('@/src/services/digest/webVersion')
    expect(await webVersionHtml(rig.local.payload, sent.number)).toBeNull()
  })

  it('is refused before anyone gets it when its letter carries a tracking pixel', { timeout: 60_000 }, async () => {
    const { payload } = rig.local
    const pixel = await payload.create({
      collection: 'media',
      data: { alt: 'nothing to see' },
      file: {
        data: await sharp({ create: { width: 1, height: 1, channels: 4, background: '#ffffff00' } })
          .png()
          .toBuffer(),
        mimetype: 'image/png',
        name: 'pixel.png',
        size: 70,
      },
    })
    const edition = await createEdition(payload, {
      subject: 'Love Letters: a pixel',
      newsletter: letters.id,
      letter: letter([
        paragraph('Hello.'),
        { type: 'upload', version: 3, format: '', relationTo: 'media', value: pixel.id, fields: null },
      ]) as Edition['letter'],
    })
    const { edition: failed, byReader } = await send(edition, 'failed')
    expect(byReader.size).toBe(0)
    expect(failed.sendError).toMatch(/hidden or 1×1 picture \(a tracking pixel\)/)
  })
})

describe('a newsletter with editions', () => {
  it('is kept (taken off the site instead), with a reason an editor can act on', async () => {
    await expect(
      rig.local.payload.delete({ collection: 'newsletters', id: letters.id, overrideAccess: true }),
    ).rejects.toThrow(/edition\(s\)\. Untick "Offered on the site" instead of deleting it/)
    expect((await rig.local.payload.findByID({ collection: 'newsletters', id: letters.id })).slug).toBe('love-letters')
  })
})
