import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * Payload lets anyone register the first account while there is none ("create first user").
 * With an admin configured (ADMIN_EMAIL; in development the well-known one), nobody may
 * register over the web first: start-up makes that account.
 */

let local: TestPayload

beforeAll(async () => {
  local = await startPayload()
})
afterAll(() => local?.close())

describe('the first account on a fresh instance', () => {
  it('cannot be registered through the API when an admin is configured; start-up can still make it', async () => {
    expect((await local.payload.count({ collection: 'users' })).totalDocs).toBe(0)
    const overTheWeb = await createLocalReq({}, local.payload)
    overTheWeb.payloadAPI = 'REST'
    await expect(
      local.payload.create({
        collection: 'users',
        data: { email: 'intruder@elsewhere.test', password: 'intruder-password', name: 'Intruder' } as never,
        req: overTheWeb,
        overrideAccess: true,
      }),
    ).rejects.toThrow(/not allowed/i)
    const made = await local.payload.create({
      collection: 'users',
      data: { email: 'admin@mindful.test', password: 'admin-password-1', name: 'Admin' } as never,
    })
    expect(made.role).toBe('admin')
  })
})
