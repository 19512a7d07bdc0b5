import type { Payload } from 'payload'

import { env } from '@/src/env'
import type { Edition } from '@/src/payload-types'
import { runSenderChecks } from './doctor'
import { failingChecks, type CheckResult } from './senderChecks'

/**
 * A large edition from a sender that fails a check lands in spam or is refused (Outlook.com:
 * `550 5.7.515`), and a bad first send is remembered by the receivers. An edition to more
 * active readers than DOCTOR_REQUIRED_ABOVE therefore waits until the checks pass, unless an
 * admin overrode them for that edition (recorded on it).
 */
export class SenderChecksFailedError extends Error {
  constructor(readonly failing: CheckResult[]) {
    super(
      `A sender check fails, so this edition to more than ${env().senderChecks.requiredAbove} readers did not start: ` +
        `${failing.map((check) => `${check.check} (${check.detail})`).join('; ')}. ` +
        'Fix it (npm run doctor shows how), or an admin can tick "Send despite failing sender checks".',
    )
    this.name = 'SenderChecksFailedError'
  }
}

/** Throws SenderChecksFailedError when the checks hold this edition back. */
export async function requireSenderChecks(
  payload: Payload,
  edition: Pick<Edition, 'overrideSenderChecks'>,
): Promise<void> {
  if (edition.overrideSenderChecks) return
  const { totalDocs: readers } = await payload.count({
    collection: 'subscribers',
    where: { status: { equals: 'active' } },
    overrideAccess: true,
  })
  if (readers <= env().senderChecks.requiredAbove) return
  const failing = failingChecks(await runSenderChecks(payload))
  if (failing.length > 0) throw new SenderChecksFailedError(failing)
}
