import { randomUUID } from 'node:crypto'

import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { env } from '@/src/env'
import { countField, liveCountsKey, parseCountField } from '@/src/insightCounters.mjs'
import type { InsightCount } from '@/src/payload-types'
import { firstDayOf } from './counters'

/**
 * Moves the counts from Redis into the database, so they outlive Redis and the day.
 *
 * Crash-safe and idempotent without a transaction: the live hash is renamed to a batch key
 * (atomically: counts arriving meanwhile start a new live hash), the batch's id is listed,
 * and each row records the last batch it took. A roll-up that stops half-way leaves its batch
 * listed; the next one applies it again, and rows that already took it are skipped, so nothing
 * is counted twice. Batches are applied in order, under a lock, one roll-up at a time.
 */

/** The lock lapses this long after a roll-up's last sign of life (a worker killed mid-way holds it no longer). */
const LOCK_MS = 30_000
/** Rows between renewals of the lock: a long roll-up keeps it, so no second one applies the same batch. */
const RENEW_EVERY = 100

export const rollUpKeys = (redisPrefix = env().redisPrefix) => ({
  live: liveCountsKey(redisPrefix),
  batches: `${redisPrefix}:insights:batches`,
  batch: (id: string) => `${redisPrefix}:insights:batch:${id}`,
  lock: `${redisPrefix}:insights:roll-up-lock`,
})

// Rename and list in one step: a crash between them would hide the batch from every later roll-up.
const TAKE_LIVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[1])
return 1`

const RENEW_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`

const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

export type RollUpReport = { batches: number; rows: number; pruned: number } | { skipped: 'another roll-up is running' }

export type RollUpOptions = {
  /** Rows older than this many days are deleted (INSIGHTS_RETENTION_DAYS). */
  retentionDays: number
  /** For tests: stop after this many rows, as a crash would. */
  stopAfterRows?: number
}

export async function rollUpCounts(payload: Payload, redis: Redis, options: RollUpOptions): Promise<RollUpReport> {
  const keys = rollUpKeys()
  const owner = randomUUID()
  if ((await redis.set(keys.lock, owner, 'PX', LOCK_MS, 'NX')) !== 'OK')
    return { skipped: 'another roll-up is running' }
  try {
    let batches = 0
    let rows = 0
    const left = () => (options.stopAfterRows === undefined ? Infinity : options.stopAfterRows - rows)
    // What a stopped roll-up left comes first, in order; then today's live counts.
    const renew = async () => {
      if (!(await redis.eval(RENEW_LOCK, 1, keys.lock, owner, LOCK_MS)))
        throw new Error('the roll-up lost its lock (it stalled longer than the lock lasts); the next one goes on')
    }
    for (const id of await redis.lrange(keys.batches, 0, -1)) {
      rows += await applyBatch(payload, redis, id, left(), renew)
      batches++
    }
    const id = `${Date.now()}-${randomUUID()}`
    if (await redis.eval(TAKE_LIVE, 3, keys.live, keys.batch(id), keys.batches, id)) {
      rows += await applyBatch(payload, redis, id, left(), renew)
      batches++
    }
    await recordListSize(payload)
    const pruned = await pruneOldCounts(payload, options.retentionDays)
    return { batches, rows, pruned }
  } finally {
    await redis.eval(RELEASE_LOCK, 1, keys.lock, owner)
  }
}

/** Thrown where `stopAfterRows` stops a roll-up, as a crash would. */
export class RollUpStopped extends Error {}

async function applyBatch(
  payload: Payload,
  redis: Redis,
  id: string,
  rowsLeft: number,
  renew: () => Promise<void>,
): Promise<number> {
  const keys = rollUpKeys()
  const counts = await redis.hgetall(keys.batch(id))
  let rows = 0
  let done = 0
  for (const [field, value] of Object.entries(counts)) {
    if (done >= rowsLeft) throw new RollUpStopped(`stopped after ${done} rows`)
    if (await addToRow(payload, field, Number(value), id)) rows++
    done++
    if (done % RENEW_EVERY === 0) await renew()
  }
  await redis.multi().lrem(keys.batches, 1, id).del(keys.batch(id)).exec()
  return rows
}

/** The row of one count (`day|counter|subject`), if it has one yet. */
async function rowOf(payload: Payload, key: string): Promise<InsightCount | undefined> {
  const { docs } = await payload.find({
    collection: 'insight-counts',
    where: { key: { equals: key } },
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  return docs[0]
}

/** Writes a count's row: the one it has, or a new one. */
async function saveRow(
  payload: Payload,
  key: string,
  row: InsightCount | undefined,
  data: { count: number; lastBatch?: string },
): Promise<void> {
  if (row) {
    await payload.update({ collection: 'insight-counts', id: row.id, data, depth: 0, overrideAccess: true })
    return
  }
  const { day, counter, subject } = parseCountField(key)
  await payload.create({
    collection: 'insight-counts',
    data: { key, day, counter, subject, ...data },
    depth: 0,
    overrideAccess: true,
  })
}

/** Adds a batch's count to its row; false when the row already took this batch. */
async function addToRow(payload: Payload, key: string, added: number, batch: string): Promise<boolean> {
  const row = await rowOf(payload, key)
  if (row?.lastBatch === batch) return false
  await saveRow(payload, key, row, { count: (row?.count ?? 0) + added, lastBatch: batch })
  return true
}

/**
 * Today's list size of each newsletter, taken at each roll-up: the day's row holds the last
 * figure (set, not added), so the day ends with the size it had at its last roll-up.
 */
async function recordListSize(payload: Payload): Promise<void> {
  const { docs: newsletters } = await payload.find({
    collection: 'newsletters',
    pagination: false,
    depth: 0,
    select: { slug: true },
    overrideAccess: true,
  })
  for (const newsletter of newsletters) {
    const { totalDocs } = await payload.count({
      collection: 'subscribers',
      where: { and: [{ status: { equals: 'active' } }, { newsletters: { equals: newsletter.id } }] },
      overrideAccess: true,
    })
    const key = countField('newsletter.list-size', newsletter.slug)
    const row = await rowOf(payload, key)
    if (row?.count !== totalDocs) await saveRow(payload, key, row, { count: totalDocs })
  }
}

async function pruneOldCounts(payload: Payload, retentionDays: number): Promise<number> {
  const { docs } = await payload.delete({
    collection: 'insight-counts',
    where: { day: { less_than: firstDayOf(retentionDays) } },
    depth: 0,
    overrideAccess: true,
  })
  return docs.length
}
