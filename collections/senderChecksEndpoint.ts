import type { Endpoint } from 'payload'

import { isAdminRequest } from '@/src/access/roles'
import { runSenderChecks } from '@/src/services/deliverability/doctor'
import { failingChecks } from '@/src/services/deliverability/senderChecks'
import { noStoreJson } from '@/src/services/platform/responses'

/**
 * GET /api/globals/settings/sender-checks (admins): the sender checks `npm run doctor` prints,
 * as `{ checks: [{ verdict, check, detail, fix? }], failing }`. They read DNS, so only admins may
 * make the server ask.
 */
export const senderChecksEndpoint: Endpoint = {
  path: '/sender-checks',
  method: 'get',
  handler: async (req) => {
    if (!isAdminRequest(req)) return noStoreJson({ message: 'Please log in as an admin.' }, 403)
    const checks = await runSenderChecks(req.payload)
    return noStoreJson({ checks, failing: failingChecks(checks).length })
  },
}
