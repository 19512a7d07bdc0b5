import type { S3ClientConfig } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'
import type { Plugin } from 'payload'

import type { MediaStorage } from '@/src/env'

/** How to reach the bucket (the plugin and `npm run media:to-bucket` alike). */
export function s3ClientConfig(storage: Extract<MediaStorage, { kind: 's3' }>): S3ClientConfig {
  return {
    region: storage.region,
    ...(storage.endpoint ? { endpoint: storage.endpoint } : {}),
    ...(storage.credentials ? { credentials: storage.credentials } : {}),
    forcePathStyle: storage.forcePathStyle,
  }
}

/**
 * Uploads in the bucket when S3_BUCKET is set, on local disk when not. Either way pictures are
 * served from our origin (`/api/media/file/…`, read through Payload, which applies the media
 * collection's access and headers), so pages and emails never depend on a public bucket. The
 * plugin's `prefix` field is in the schema in both cases, so switching storage needs no
 * migration.
 */
export function mediaStoragePlugin(storage: MediaStorage): Plugin {
  return s3Storage({
    enabled: storage.kind === 's3',
    alwaysInsertFields: true,
    collections: { media: true },
    bucket: storage.kind === 's3' ? storage.bucket : 'unused',
    config: storage.kind === 's3' ? s3ClientConfig(storage) : {},
  })
}
