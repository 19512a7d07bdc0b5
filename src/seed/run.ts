import { getPayload } from 'payload'

import { env } from '../env'
import config from '../payload.config'
import { runScript } from '../runScript'
import { seedDemoContent } from './seedDemoContent'

/** `npm run seed`: loads the demo content; safe to run any number of times. */
runScript('seeding', async () => {
  const payload = await getPayload({ config })
  const { admin, production } = env()
  // Production has no schema push: a fresh database gets the committed migrations first, instead of "no such table".
  if (production) await payload.db.migrate()
  if (!admin) payload.logger.warn('ADMIN_EMAIL and ADMIN_PASSWORD are not set: no admin account was created.')
  const report = await seedDemoContent(payload, admin)
  payload.logger.info({ created: report.created, kept: report.kept.length }, 'demo content is in place')
})
