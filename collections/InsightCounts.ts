import type { CollectionConfig } from 'payload'

import { nobody } from '@/src/access/roles'

/**
 * The daily counters (src/insightCounters.mjs), rolled up from Redis by the worker
 * (src/services/insights/rollUp.ts). Not readable through the API, not even by staff: the
 * insights answers and view blur small numbers, and these rows would show them exactly.
 */
export const InsightCounts: CollectionConfig = {
  slug: 'insight-counts',
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    /** `day|counter|subject`: one row per count, so a roll-up can find and settle it. */
    { name: 'key', type: 'text', required: true, unique: true, index: true },
    /** YYYY-MM-DD (UTC); compared as text, which orders days. */
    { name: 'day', type: 'text', required: true, index: true },
    { name: 'counter', type: 'text', required: true, index: true },
    { name: 'subject', type: 'text', required: true, index: true },
    { name: 'count', type: 'number', required: true, defaultValue: 0 },
    /** The roll-up batch that last added to this row: a batch applied twice (after a crash) adds once. */
    { name: 'lastBatch', type: 'text' },
  ],
}
