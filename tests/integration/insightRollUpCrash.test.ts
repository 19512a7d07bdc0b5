import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { workerEnv } from '../helpers/digest'
import { startPayload, type TestPayload } from '../helpers/payload'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { waitFor } from '../helpers/waitFor'
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker'

/**
 * The roll-up survives its worker being killed half-way: the next worker finishes the batch,
 * and every count lands in the database exactly once.
 */

const ARTICLES = 3_000
const viewsOf = (i: number) => (i % 7) + 1

let local: TestPayload
let sink: SmtpSink
let redis: Redis
const workers: WorkerProcess[] = []

const startWorker = () => {
  const worker = startWorkerProcess(workerEnv(local, sink, { INSIGHTS_ROLLUP_INTERVAL_MS: '300' }))
  workers.push(worker)
  return worker
}
const prefix = () => process.env.REDIS_PREFIX!
const rowCount = async () =>
  (await local.payload.count({ collection: 'insight-counts', overrideAccess: true })).totalDocs

beforeAll(async () => {
  local = await startPayload()
  sink = await startSmtpSink()
  redis = new Redis(inject('redisUrl'))
}, 120_000)

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop('SIGKILL')))
  redis?.disconnect()
  await sink?.close()
  await local?.close()
})

describe('the insight roll-up', () => {
  it(
    'killed half-way, is finished by the next worker with every count exactly once',
    { timeout: 240_000 },
    async () => {
      const day = new Date().toISOString().slice(0, 10)
      const fields: Record<string, number> = {}
      for (let i = 0; i < ARTICLES; i++) fields[`${day}|article.views|story-${i}`] = viewsOf(i)
      await redis.hset(`${prefix()}:insights:live`, fields)

      const first = startWorker()
      await first.ready()
      // One row per count (and the list size); strike once some, not all, are in.
      await waitFor(async () => (await rowCount()) >= 300, 'the roll-up to be under way', 120_000, 20)
      await first.stop('SIGKILL')
      const written = await rowCount()
      expect(written, 'the worker died after the roll-up had finished').toBeLessThan(ARTICLES)
      expect(await redis.llen(`${prefix()}:insights:batches`)).toBe(1)

      // The dead worker's lock lapses after 30 s; the test does not wait for it.
      await redis.del(`${prefix()}:insights:roll-up-lock`)
      const second = startWorker()
      await second.ready()
      await waitFor(
        async () => (await redis.llen(`${prefix()}:insights:batches`)) === 0,
        'the next worker to finish the batch',
        120_000,
        100,
      )
      const { docs } = await local.payload.find({
        collection: 'insight-counts',
        where: { counter: { equals: 'article.views' } },
        pagination: false,
        overrideAccess: true,
      })
      expect(docs).toHaveLength(ARTICLES)
      const wrong = docs.filter((row) => row.count !== viewsOf(Number(row.subject.slice('story-'.length))))
      expect(wrong.map((row) => [row.subject, row.count])).toEqual([])
      await second.stop()
    },
  )
})
