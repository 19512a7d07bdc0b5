/**
 * What the admin's "Schedule publish" does on the server, for an app started by the tests:
 * `node src/launch.mjs tests/helpers/schedulePublish.ts <articleId> <ISO time>` with the
 * app's environment queues Payload's schedulePublish job, which only the worker runs.
 */
import { getPayload } from 'payload'

import config from '@/src/payload.config'
import { runScript } from '@/src/runScript'

runScript('scheduling a publication', async () => {
  const [articleId, at] = process.argv.slice(2)
  if (!articleId || !at) throw new Error('usage: schedulePublish.ts <articleId> <ISO time>')
  const payload = await getPayload({ config })
  // An id as the adapter keeps it: a number on SQLite, an ObjectId string on MongoDB.
  // (The generated types know only SQLite's numbers.)
  const value = (payload.db.defaultIDType === 'number' ? Number(articleId) : articleId) as number
  await payload.jobs.queue({
    task: 'schedulePublish',
    input: { type: 'publish', doc: { relationTo: 'articles', value } },
    waitUntil: new Date(at),
  })
})
