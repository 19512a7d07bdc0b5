import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Edition } from '@/src/payload-types'
import { seedDemoContent } from '@/src/seed/seedDemoContent'
import { startSending } from '@/src/services/digest/send'
import { NOTHING_IN_TOPICS } from '@/src/services/digest/selections'
import { createEdition, startDigestRig, waitForStatus, type DigestRig } from '../helpers/digest'
import type { CapturedMessage } from '../helpers/smtpSink'

/**
 * Readers' topics through the real worker process, Redis and an SMTP server on loopback:
 * each reader gets exactly the stories of their topics, led by the first of them; a reader
 * whose topics have nothing this time gets no email; each distinct set of stories is
 * rendered once, however many readers share it.
 */

const TOPICS = ['Dating', 'Trust', 'Healing', 'Self-care'] as const
type Topic = (typeof TOPICS)[number]
/** The edition's stories, in its order, with their topics. */
const STORIES: Array<[string, Topic]> = [
  ['First Dates Without the Pressure', 'Dating'],
  ['Rebuilding Trust After a Lie', 'Trust'],
  ['A Quiet Evening for Yourself', 'Self-care'],
  ['Second Dates and Honest Questions', 'Dating'],
]
/** Each kind of reader: their topics, the stories they should get (none: no email). Three of each. */
const KINDS: Record<string, { topics: Topic[]; stories: number[] }> = {
  everything: { topics: [], stories: [0, 1, 2, 3] },
  dating: { topics: ['Dating'], stories: [0, 3] },
  'dating-healing': { topics: ['Dating', 'Healing'], stories: [0, 3] },
  'trust-dating': { topics: ['Trust', 'Dating'], stories: [0, 1, 3] },
  trust: { topics: ['Trust'], stories: [1] },
  'every-topic': { topics: ['Dating', 'Trust', 'Self-care'], stories: [0, 1, 2, 3] },
  healing: { topics: ['Healing'], stories: [] },
}
const PER_KIND = 3

let rig: DigestRig
let edition: Edition

async function prepare({ payload }: DigestRig['local']) {
  await seedDemoContent(payload)
  await payload.updateGlobal({ slug: 'settings', data: { sendRatePerSecond: 10_000 } })
  const { docs: authors } = await payload.find({ collection: 'authors', limit: 1, depth: 0 })
  const topicIds = new Map<Topic, number>()
  for (const name of TOPICS) {
    const category = await payload.create({ collection: 'categories', data: { name }, depth: 0 })
    topicIds.set(name, category.id)
  }
  const articles = []
  for (const [title, topic] of STORIES)
    articles.push(
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
      }),
    )
  // Readers of every kind, interleaved, so batches of 4 mix them.
  for (let i = 0; i < PER_KIND; i++)
    for (const [kind, { topics }] of Object.entries(KINDS))
      await payload.create({
        collection: 'subscribers',
        data: {
          email: `${kind}-${i}@readers.test`,
          status: 'active',
          topics: topics.map((topic) => topicIds.get(topic)!),
          consent: { givenAt: '2026-01-01T00:00:00.000Z', source: 'test', wording: 'Yes', wordingVersion: '1' },
        },
        overrideAccess: true,
        depth: 0,
      })
  edition = await createEdition(payload, {
    subject: 'Mindful Moments #1: Dates, trust and a quiet evening',
    articles: articles.map((article) => article.id),
    status: 'draft',
  })
}

beforeAll(async () => {
  rig = await startDigestRig({ workerEnv: { DIGEST_BATCH_SIZE: '4' }, prepare })
}, 180_000)

afterAll(() => rig?.close())

/** The story titles in a message's text, in the order they appear. */
function storiesIn(message: CapturedMessage): number[] {
  const text = message.parsed.text ?? ''
  return STORIES.map(([title], index) => ({ index, at: text.indexOf(title) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ index }) => index)
}

describe('topics in the digest', () => {
  it(
    'gives each reader exactly the stories of their topics, once, led by the first of them',
    { timeout: 120_000 },
    async () => {
      await startSending(rig.local.payload, edition.id, rig.queues.jobs)
      const sent = await waitForStatus(rig.local.payload, edition.id, 'sent')
      for (const [kind, { stories }] of Object.entries(KINDS))
        for (let i = 0; i < PER_KIND; i++) {
          const address = `${kind}-${i}@readers.test`
          const received = rig.sink.messages.filter((m) => m.envelopeTo.includes(address))
          if (stories.length === 0) {
            expect(received, address).toHaveLength(0)
            continue
          }
          expect(received, address).toHaveLength(1)
          expect(received[0].envelopeTo).toEqual([address])
          expect(storiesIn(received[0]), address).toEqual(stories)
          // The lead story is the first of theirs: its dek opens the preview.
          expect(received[0].parsed.html, address).toContain(`About ${STORIES[stories[0]][0].toLowerCase()}`)
        }
      const readers = Object.keys(KINDS).length * PER_KIND
      expect(sent.stats).toMatchObject({ recipients: readers, sent: readers - PER_KIND, skipped: PER_KIND, failed: 0 })
    },
  )

  it('says why a reader got nothing: nothing new in their topics', async () => {
    const { docs } = await rig.local.payload.find({
      collection: 'deliveries',
      where: { edition: { equals: edition.id } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const skipped = docs.flatMap((doc) =>
      Object.values(doc.outcomes as Record<string, { status: string; error?: string }>).filter(
        (outcome) => outcome.status === 'skipped',
      ),
    )
    expect(skipped).toHaveLength(PER_KIND)
    for (const outcome of skipped) expect(outcome.error).toBe(NOTHING_IN_TOPICS)
  })

  it('renders once per distinct set of stories, never per reader; the web version is the whole edition', async () => {
    const { docs } = await rig.local.payload.find({
      collection: 'edition-variants',
      where: { edition: { equals: edition.id } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    // Dating (shared by "dating" and "dating-healing"), trust + dating, trust: the whole edition is the snapshot.
    expect(docs).toHaveLength(3)
    const frozen = await rig.local.payload.findByID({
      collection: 'editions',
      id: edition.id,
      depth: 0,
      overrideAccess: true,
    })
    for (const [title] of STORIES) expect(frozen.snapshot?.html).toContain(title)
    for (const variant of docs) expect(variant.html).toMatch(/MMREADERLINKTOKEN[A-Z]+QX/)
  })
})
