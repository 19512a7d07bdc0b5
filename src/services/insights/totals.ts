import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { env } from '@/src/env'
import { parseCountField, type CounterName } from '@/src/insightCounters.mjs'
import type { InsightCount } from '@/src/payload-types'
import { whenReady } from '../platform/redis'
import { rollUpKeys } from './rollUp'

/** Totals by counter, then by subject. */
export type Totals = Map<string, Map<string, number>>

export type TotalsQuery = {
  counters: CounterName[]
  /** First day counted (YYYY-MM-DD, UTC), inclusive. */
  fromDay: string
  /** Only subjects that start with this (e.g. `12:` for the links of edition 12). */
  subjectPrefix?: string
}

/** Counts by day: `day|counter|subject` → count. */
export type DailyCounts = Map<string, number>

/**
 * The counts since a day, day by day, as they stand this second: the database's rolled-up
 * rows, plus what is still in Redis (the live hash and any batch a roll-up has not finished).
 * Redis is read first, in one step, so a batch the roll-up applies meanwhile is recognised in
 * the rows (each row names the last batch it took) and not counted twice.
 */
export async function readDailyCounts(payload: Payload, redis: Redis, query: TotalsQuery): Promise<DailyCounts> {
  const wanted = (counter: string, day: string, subject: string) =>
    (query.counters as string[]).includes(counter) &&
    day >= query.fromDay &&
    (!query.subjectPrefix || subject.startsWith(query.subjectPrefix))
  const keys = rollUpKeys(env().redisPrefix)
  // The web process's connection has no offline queue: the first page after a start waits for it.
  await whenReady(redis, 5_000)
  const [live, batchIds] = await redis
    .multi()
    .hgetall(keys.live)
    .lrange(keys.batches, 0, -1)
    .exec()
    .then((replies) => [replies?.[0]?.[1] ?? {}, replies?.[1]?.[1] ?? []] as [Record<string, string>, string[]])
  const batches = await Promise.all(batchIds.map(async (id) => [id, await redis.hgetall(keys.batch(id))] as const))

  const rows = await payload.find({
    collection: 'insight-counts',
    where: {
      and: [
        { counter: { in: query.counters } },
        { day: { greater_than_equal: query.fromDay } },
        ...(query.subjectPrefix ? [{ subject: { like: query.subjectPrefix } }] : []),
      ],
    },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const counts: DailyCounts = new Map()
  const add = (field: string, value: number) => counts.set(field, (counts.get(field) ?? 0) + value)
  const lastBatchOf = new Map<string, string | null | undefined>()
  for (const row of rows.docs as InsightCount[]) {
    if (!wanted(row.counter, row.day, row.subject)) continue
    lastBatchOf.set(row.key, row.lastBatch)
    add(row.key, row.count)
  }
  for (const [id, batch] of batches)
    for (const [field, value] of Object.entries(batch)) {
      const { day, counter, subject } = parseCountField(field)
      if (wanted(counter, day, subject) && lastBatchOf.get(field) !== id) add(field, Number(value))
    }
  for (const [field, value] of Object.entries(live)) {
    const { day, counter, subject } = parseCountField(field)
    if (wanted(counter, day, subject)) add(field, Number(value))
  }
  return counts
}

/** The counts since a day, summed over the days: by counter, then by subject. */
export async function readTotals(payload: Payload, redis: Redis, query: TotalsQuery): Promise<Totals> {
  const totals: Totals = new Map()
  for (const [field, value] of await readDailyCounts(payload, redis, query)) {
    const { counter, subject } = parseCountField(field)
    const bySubject = totals.get(counter) ?? new Map<string, number>()
    bySubject.set(subject, (bySubject.get(subject) ?? 0) + value)
    totals.set(counter, bySubject)
  }
  return totals
}

/** A count as the insights show it: below the threshold, only "fewer than N" (`"<5"`). */
export type ShownCount = number | `<${number}`

export const shownCount = (value: number, minimum = env().insights.minCount): ShownCount =>
  value < minimum ? `<${minimum}` : value
