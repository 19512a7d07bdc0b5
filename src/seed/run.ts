import { getPayload } from 'payload'

import config from '../payload.config'
import { env } from '../env'
import { seedDemoContent } from './seedDemoContent'

/** `npm run seed`: loads the demo content; safe to run any number of times. */
const payload = await getPayload({ config })
try {
  const { admin } = env()
  if (!admin) payload.logger.warn('ADMIN_EMAIL and ADMIN_PASSWORD are not set: no admin account was created.')
  const report = await seedDemoContent(payload, admin)
  payload.logger.info({ created: report.created, kept: report.kept.length }, 'demo content is in place')
  process.exit(0)
} catch (error) {
  payload.logger.error({ err: error }, 'seeding failed')
  process.exit(1)
}
