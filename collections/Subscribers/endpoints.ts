import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Endpoint, PayloadRequest } from 'payload'

import { isAdminRequest } from '@/src/access/roles'
import { exportSubscriberData } from '@/src/services/newsletter/subscriberData'
import { subscribersCsv } from '@/src/services/newsletter/subscriberExport'
import {
  checkImportHeader,
  fileBytes,
  importFilePath,
  ImportFormatError,
  importStatus,
  MAX_IMPORT_BYTES,
  rejectedFilePath,
} from '@/src/services/newsletter/subscriberImport'
import { webQueue, QUEUES } from '@/src/services/platform/queues'
import { newsletterOfSlug } from '@/src/services/newsletter/newsletters'
import { noStoreJson } from '@/src/services/platform/responses'

const refuse = () => noStoreJson({ message: 'Only admins may do this.' }, 403)

class TooLargeError extends Error {}

/** GET /api/subscribers/:id/export — one reader's data as a JSON download (admins only). */
const exportSubscriber: Endpoint = {
  path: '/:id/export',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!isAdminRequest(req)) return refuse()
    const id = String(req.routeParams?.id ?? '')
    try {
      const data = await exportSubscriberData(req.payload, id)
      return new Response(JSON.stringify(data, null, 2), {
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="subscriber-${id.replace(/[^\w-]/g, '')}.json"`,
          'cache-control': 'no-store',
        },
      })
    } catch {
      return noStoreJson({ message: 'No subscriber with this id.' }, 404)
    }
  },
}

/** Copies the request body to `file`, refusing more than the import's limit as it comes. */
async function saveUpload(body: ReadableStream<Uint8Array>, file: string) {
  let bytes = 0
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      done(bytes > MAX_IMPORT_BYTES ? new TooLargeError() : null, chunk)
    },
  })
  await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), limit, createWriteStream(file))
}

/**
 * POST /api/subscribers/import[?newsletter=slug] — a CSV body (text/csv, up to 200 MB) is
 * stored and imported by the worker in the background, every row into the named newsletter
 * if there is one: 202 {importId, statusUrl} (admins only).
 */
const importCsv: Endpoint = {
  path: '/import',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    if (!isAdminRequest(req)) return refuse()
    if (!(req.headers.get('content-type') ?? '').startsWith('text/csv'))
      return noStoreJson({ message: 'Send the file as text/csv.' }, 415)
    if (Number(req.headers.get('content-length') ?? '0') > MAX_IMPORT_BYTES)
      return noStoreJson({ message: 'The file is larger than 200 MB.' }, 413)
    if (!req.body) return noStoreJson({ message: 'The file is empty.' }, 400)
    const slug = new URL(req.url ?? '', 'http://localhost').searchParams.get('newsletter')
    const newsletter = slug ? await newsletterOfSlug(req.payload, slug.slice(0, 80)) : undefined
    if (slug && !newsletter)
      return noStoreJson({ message: `We have no newsletter called “${slug.slice(0, 40)}”.` }, 400)
    const storedAs = randomUUID()
    const file = importFilePath(storedAs)
    await mkdir(path.dirname(file), { recursive: true })
    try {
      await saveUpload(req.body, file)
      await checkImportHeader(file)
    } catch (error) {
      await rm(file, { force: true })
      if (error instanceof TooLargeError) return noStoreJson({ message: 'The file is larger than 200 MB.' }, 413)
      if (error instanceof ImportFormatError) return noStoreJson({ message: error.message }, 400)
      throw error
    }
    const fileName =
      decodeURIComponent(req.headers.get('x-file-name') ?? '')
        .replace(/[^\p{L}\p{N} ._()-]/gu, '')
        .slice(0, 200) || 'subscribers.csv'
    const created = await req.payload.create({
      collection: 'subscriber-imports',
      data: { storedAs, fileName, bytes: await fileBytes(storedAs), status: 'queued', newsletter: newsletter?.id },
      depth: 0,
      overrideAccess: true,
    })
    // If Redis is away now, the worker finds the queued import when it looks again.
    await webQueue(QUEUES.imports)
      .add('import', { importId: created.id }, { jobId: `import-${created.id}` })
      .catch(() => undefined)
    return noStoreJson({ importId: created.id, statusUrl: `/api/subscribers/imports/${created.id}` }, 202)
  },
}

async function findImport(req: PayloadRequest) {
  return req.payload
    .findByID({
      collection: 'subscriber-imports',
      id: String(req.routeParams?.id ?? ''),
      depth: 0,
      overrideAccess: true,
    })
    .catch(() => null)
}

/** GET /api/subscribers/imports/:id — how far an import has come (counts only). */
const importProgress: Endpoint = {
  path: '/imports/:id',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!isAdminRequest(req)) return refuse()
    const job = await findImport(req)
    return job ? noStoreJson(importStatus(job)) : noStoreJson({ message: 'No import with this id.' }, 404)
  },
}

/** GET /api/subscribers/imports/:id/rejected — the lines an import refused, with the reasons (CSV). */
const rejectedLines: Endpoint = {
  path: '/imports/:id/rejected',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!isAdminRequest(req)) return refuse()
    const job = await findImport(req)
    if (!job) return noStoreJson({ message: 'No import with this id.' }, 404)
    if (job.status !== 'done' || !job.rejectedBytes)
      return noStoreJson({ message: 'The rejected lines can be downloaded once the import is done.' }, 409)
    // Up to what the import's last checkpoint recorded: never a half-written chunk.
    const stream = createReadStream(rejectedFilePath(job.storedAs), { end: job.rejectedBytes - 1 })
    try {
      await new Promise((resolve, reject) => stream.once('open', resolve).once('error', reject))
    } catch {
      return noStoreJson({ message: 'The rejected lines are no longer on the server.' }, 410)
    }
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="import-${job.id}-rejected.csv"`,
        'cache-control': 'no-store',
      },
    })
  },
}

/** GET /api/subscribers/export — every subscriber as CSV, in the columns the import reads (admins only). */
const exportList: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!isAdminRequest(req)) return refuse()
    return new Response(subscribersCsv(req.payload), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="mindful-subscribers-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      },
    })
  },
}

export const subscriberEndpoints = [exportList, importCsv, importProgress, rejectedLines, exportSubscriber]
