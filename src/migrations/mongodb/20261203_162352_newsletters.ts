import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

/**
 * MongoDB's side of the SQLite migration of the same name (data only: MongoDB has no schema).
 * "Mindful Moments" becomes the first newsletter with the schedule Settings held; every
 * reader is in it, their consent copied as its consent; every edition is its edition, its
 * period key named after it. Values are written out, not imported: a migration stays as it ran.
 * Idempotent: run twice, it changes nothing more.
 */
export async function up({ payload, session }: MigrateUpArgs): Promise<void> {
  const models = payload.db.collections
  const settings = (await payload.db.connection
    .collection('globals')
    .findOne({ globalType: 'settings' }, { session })) as {
    cadenceDays?: number
    weekday?: string
    sendTime?: string
  } | null
  const days = settings?.cadenceDays ?? 14
  let mindfulMoments = await models.newsletters.findOne({ slug: 'mindful-moments' }, null, { session })
  if (!mindfulMoments) {
    const now = new Date()
    ;[mindfulMoments] = await models.newsletters.create(
      [
        {
          name: 'Mindful Moments',
          slug: 'mindful-moments',
          description: 'Our bi-weekly digest: the newest stories on mindful dating and relationships.',
          cadence: days === 7 ? 'weekly' : days >= 28 ? 'monthly' : 'biweekly',
          weekday: settings?.weekday ?? 'thursday',
          sendTime: settings?.sendTime ?? '08:00',
          defaultForNewReaders: true,
          public: true,
          createdAt: now,
          updatedAt: now,
        },
      ],
      { session },
    )
  }
  const id = mindfulMoments._id
  await models.subscribers.updateMany(
    { $or: [{ newsletters: { $exists: false } }, { newsletters: { $size: 0 } }] },
    [
      {
        $set: {
          newsletters: [id],
          newsletterConsents: {
            $cond: [
              { $ifNull: ['$consent.givenAt', false] },
              [
                {
                  // An array row's id needs only be unique within its document: each reader has this one row.
                  id: '000000000000000000000001',
                  newsletter: id,
                  givenAt: '$consent.givenAt',
                  source: '$consent.source',
                  wording: '$consent.wording',
                  wordingVersion: '$consent.wordingVersion',
                },
              ],
              [],
            ],
          },
        },
      },
    ],
    { session },
  )
  await models.editions.updateMany({ newsletter: { $exists: false } }, { $set: { newsletter: id } }, { session })
  await models.editions.updateMany(
    { periodKey: { $type: 'string', $not: /\// } },
    [{ $set: { periodKey: { $concat: ['mindful-moments/', '$periodKey'] } } }],
    { session },
  )
}

export async function down({ payload, session }: MigrateDownArgs): Promise<void> {
  const models = payload.db.collections
  await models.subscribers.updateMany({}, { $unset: { newsletters: '', newsletterConsents: '' } }, { session })
  await models.editions.updateMany({}, { $unset: { newsletter: '' } }, { session })
  await models.newsletters.deleteMany({ slug: 'mindful-moments' }, { session })
}
