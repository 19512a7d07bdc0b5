import { hkdfSync } from 'node:crypto'

import { env } from '@/src/env'

const derived = new Map<string, Buffer[]>()

/**
 * Keys derived from PAYLOAD_SECRET for one purpose (`info`), the current secret's first, then
 * those of PREVIOUS_SECRETS: what was signed or hashed before a rotation still verifies.
 */
export function secretKeys(info: string): Buffer[] {
  let keys = derived.get(info)
  if (!keys) {
    keys = [env().payloadSecret, ...env().previousSecrets].map((secret) =>
      Buffer.from(hkdfSync('sha256', secret, 'mindful-press', info, 32)),
    )
    derived.set(info, keys)
  }
  return keys
}
