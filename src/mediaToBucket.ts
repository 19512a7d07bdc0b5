import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { getPayload } from 'payload'

import { env } from './env'
import config from './payload.config'
import { runScript } from './runScript'
import { logger } from './services/platform/logger'
import { s3ClientConfig } from './services/platform/mediaStorage'

/**
 * `npm run media:to-bucket`: copies the pictures uploaded to local disk (DATA_DIR/media) into
 * the bucket named by S3_BUCKET, every size of every picture, under the key the storage plugin
 * reads. Idempotent: an object already in the bucket with the same size is left alone, so it
 * can run again after an interruption, or before and after switching. Local files stay.
 */
runScript('copying media into the bucket', async () => {
  const storage = env().media
  if (storage.kind !== 's3') throw new Error('S3_BUCKET is not set: say which bucket to copy the pictures into.')
  const payload = await getPayload({ config })
  const client = new S3Client(s3ClientConfig(storage))
  const folder = path.join(env().dataDir, 'media')
  const counts = { copied: 0, alreadyThere: 0, missingLocally: 0 }

  const inBucket = async (key: string): Promise<number | undefined> => {
    try {
      return (await client.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }))).ContentLength
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined
      throw error
    }
  }

  for (let page = 1; ; page++) {
    const { docs, hasNextPage } = await payload.find({ collection: 'media', depth: 0, limit: 100, page, sort: 'id' })
    for (const doc of docs) {
      const files = [
        { filename: doc.filename, mimeType: doc.mimeType },
        ...Object.values(doc.sizes ?? {}).map((size) => ({ filename: size?.filename, mimeType: size?.mimeType })),
      ].filter((file): file is { filename: string; mimeType: string | null | undefined } => Boolean(file.filename))
      for (const file of files) {
        const local = path.join(folder, file.filename)
        const key = path.posix.join(doc.prefix ?? '', file.filename)
        if (!existsSync(local)) {
          counts.missingLocally++
          logger.warn({ media: doc.id, file: file.filename }, 'not on local disk; left as it is')
          continue
        }
        if ((await inBucket(key)) === statSync(local).size) {
          counts.alreadyThere++
          continue
        }
        await client.send(
          new PutObjectCommand({
            Bucket: storage.bucket,
            Key: key,
            Body: readFileSync(local),
            ContentType: file.mimeType ?? undefined,
          }),
        )
        counts.copied++
      }
    }
    if (!hasNextPage) break
  }
  client.destroy()
  process.stdout.write(
    `media in bucket ${storage.bucket}: ${counts.copied} copied, ${counts.alreadyThere} already there, ${counts.missingLocally} missing locally\n`,
  )
  await payload.destroy()
})
