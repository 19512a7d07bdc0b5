import type { Redis } from 'ioredis'

import { env } from '@/src/env'

/**
 * Which readers of a batch were already served, written to Redis the moment the SMTP
 * server accepts each message and before that connection carries the next one. A worker
 * killed mid-batch therefore leaves at most one accepted-but-unrecorded message per open
 * connection; the next worker skips everything recorded here. The database gets the whole
 * batch's outcomes in one write at the end; this is the fast, finer-grained record in between.
 *
 * Only record ids and a one-letter outcome are kept: nothing personal sits in Redis.
 */

export type RecordedOutcome = 'sent' | 'bounce' | 'rejected'

const CODE: Record<RecordedOutcome, string> = { sent: 's', bounce: 'b', rejected: 'r' }
const OUTCOME = Object.fromEntries(Object.entries(CODE).map(([outcome, code]) => [code, outcome])) as Record<
  string,
  RecordedOutcome
>

/** A field that is not a reader: marks when the batch run began. */
const STARTED = '_started'

/** Kept long enough for any retry to read it; removed once the batch is in the database. */
const TTL_SECONDS = 14 * 24 * 3600

export class BatchProgress {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = env().redisPrefix,
  ) {}

  private key(editionId: string | number, batch: number) {
    return `${this.prefix}:digest-progress:${editionId}:${batch}`
  }

  async read(editionId: string | number, batch: number): Promise<Map<string, RecordedOutcome>> {
    const entries = await this.redis.hgetall(this.key(editionId, batch))
    return new Map(
      Object.entries(entries)
        .filter(([id]) => id !== STARTED)
        .map(([id, code]) => [id, OUTCOME[code] ?? 'sent']),
    )
  }

  /** Once per run of a batch: the record exists and expires, so each message costs one HSET. */
  async begin(editionId: string | number, batch: number): Promise<void> {
    const key = this.key(editionId, batch)
    await this.redis.pipeline().hset(key, STARTED, Date.now()).expire(key, TTL_SECONDS).exec()
  }

  async record(
    editionId: string | number,
    batch: number,
    subscriberId: string | number,
    outcome: RecordedOutcome,
  ): Promise<void> {
    await this.redis.hset(this.key(editionId, batch), String(subscriberId), CODE[outcome])
  }

  async clear(editionId: string | number, batch: number): Promise<void> {
    await this.redis.del(this.key(editionId, batch))
  }
}
