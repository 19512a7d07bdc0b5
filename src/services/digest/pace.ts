import type { Setting } from '@/src/payload-types'

/**
 * The send rate in Settings, in the units BullMQ's limiter counts: jobs. A batch never
 * holds more than one second's worth of messages, so the rate also holds second by second.
 */
export function batchSizeFor(settings: Pick<Setting, 'sendRatePerSecond'>, maxBatchSize: number): number {
  return Math.max(1, Math.min(maxBatchSize, Math.floor(settings.sendRatePerSecond)))
}

/** At most `max` deliver-batch jobs start per `duration` ms, over all workers together. */
export function rateLimitFor(
  settings: Pick<Setting, 'sendRatePerSecond'>,
  maxBatchSize: number,
): { max: number; duration: number } {
  const batchSize = batchSizeFor(settings, maxBatchSize)
  return { max: Math.max(1, Math.round(settings.sendRatePerSecond / batchSize)), duration: 1_000 }
}
