import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { seoPlugin } from '@payloadcms/plugin-seo'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Articles } from '@/collections/Articles'
import { Authors } from '@/collections/Authors'
import { Categories } from '@/collections/Categories'
import { Deliveries } from '@/collections/Deliveries'
import { EditionVariants } from '@/collections/EditionVariants'
import { EmailEvents } from '@/collections/EmailEvents'
import { InsightCounts } from '@/collections/InsightCounts'
import { insightsEndpoints } from '@/collections/insightsEndpoints'
import { Editions } from '@/collections/Editions'
import { Media } from '@/collections/Media'
import { Newsletters } from '@/collections/Newsletters'
import { Settings } from '@/collections/Settings'
import { Submissions } from '@/collections/Submissions'
import { SubscriberImports } from '@/collections/SubscriberImports'
import { Subscribers } from '@/collections/Subscribers'
import { Suppressions } from '@/collections/Suppressions'
import { MailOutbox } from '@/collections/MailOutbox'
import { Users } from '@/collections/Users'
import { articleEditor } from '@/src/services/editorial/articleEditor'
import { databaseAdapter } from './database'
import { env } from './env'
import { logger } from './services/platform/logger'
import { payloadEmailAdapter } from './services/platform/mailer'
import { mediaStoragePlugin } from '@/src/services/platform/mediaStorage'
import { ensureMindfulMoments } from '@/src/services/newsletter/newsletters'

const srcDir = path.dirname(fileURLToPath(import.meta.url))
const settings = env()

export default buildConfig({
  serverURL: settings.publicUrl,
  secret: settings.payloadSecret,
  db: databaseAdapter(settings.database),
  editor: articleEditor,
  sharp,
  logger,
  email: payloadEmailAdapter,
  admin: {
    user: Users.slug,
    importMap: { baseDir: srcDir },
    meta: { titleSuffix: ' · Mindful Press' },
    // Payload's default is Gravatar: a request to a third party for every staff page view.
    avatar: 'default',
    components: {
      beforeDashboard: [
        '/components/admin/NextSend#NextSend',
        '/components/admin/SubscriberCounts#SubscriberCounts',
        '/components/admin/QueuesLink#OperationsPanel',
      ],
      afterNavLinks: ['/components/admin/QueuesLink#QueuesLink'],
      views: {
        senderChecks: { Component: '/components/admin/SenderChecks#SenderChecksView', path: '/sender-checks' },
        insights: { Component: '/components/admin/InsightsView#InsightsView', path: '/insights' },
      },
    },
  },
  collections: [
    Articles,
    Authors,
    Categories,
    Media,
    Submissions,
    Newsletters,
    Editions,
    EditionVariants,
    Subscribers,
    SubscriberImports,
    Deliveries,
    EmailEvents,
    Suppressions,
    MailOutbox,
    InsightCounts,
    Users,
  ],
  globals: [Settings],
  endpoints: insightsEndpoints,
  plugins: [
    mediaStoragePlugin(settings.media),
    // Per-article overrides of the title, description and picture that search engines and
    // social cards show; left empty, the article's own title, dek and hero are used.
    seoPlugin({
      collections: ['articles'],
      uploadsCollection: 'media',
      generateTitle: ({ doc }) => String(doc?.title ?? ''),
      generateDescription: ({ doc }) => String(doc?.dek || doc?.excerpt || ''),
      generateURL: ({ doc }) => `${settings.publicUrl}/articles/${String(doc?.slug ?? '')}`,
    }),
  ],
  // Scheduled publishing runs on Payload's job queue; only the worker process (which starts
  // Payload with `cron: true`) runs it, so a web-only deployment never publishes twice.
  jobs: { autoRun: [{ cron: '* * * * *', queue: 'default' }] },
  // Types are generated on purpose (`npm run generate`), not by every process at start.
  typescript: { outputFile: path.resolve(srcDir, 'payload-types.ts'), autoGenerate: false },
  graphQL: { disablePlaygroundInProduction: true },
  telemetry: false,
  // Said once at every start (web, worker, scripts): settings that work, but not as one might think.
  onInit: async (payload) => {
    for (const notice of settings.notices) logger.warn(notice)
    // A database whose schema is pushed (SQLite outside production, unless PAYLOAD_MIGRATING, the adapter's
    // own rule) or that has no schema (MongoDB) gets the first newsletter here; SQLite kept by the migrations
    // gets it from them, and may not have the table yet while a script is about to migrate.
    const pushed = process.env.NODE_ENV !== 'production' && process.env.PAYLOAD_MIGRATING !== 'true'
    if (pushed || payload.db.packageName === '@payloadcms/db-mongodb') await ensureMindfulMoments(payload)
  },
})
