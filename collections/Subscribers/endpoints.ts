import type { Endpoint, PayloadRequest } from 'payload'

import { isAdminRequest } from '../../src/access/roles'
import { exportSubscriberData, ImportFormatError, importSubscribers } from '../../src/services/newsletter/subscriberData'

const MAX_IMPORT_BYTES = 5 * 1024 * 1024

const refuse = () => Response.json({ message: 'Only admins may do this.' }, { status: 403 })

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
      return Response.json({ message: 'No subscriber with this id.' }, { status: 404 })
    }
  },
}

/** POST /api/subscribers/import — a CSV body (text/csv), answered with a report (admins only). */
const importCsv: Endpoint = {
  path: '/import',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    if (!isAdminRequest(req)) return refuse()
    if (!(req.headers.get('content-type') ?? '').startsWith('text/csv')) {
      return Response.json({ message: 'Send the file as text/csv.' }, { status: 415 })
    }
    const csv = (await req.text?.()) ?? ''
    if (Buffer.byteLength(csv) > MAX_IMPORT_BYTES) return Response.json({ message: 'The file is larger than 5 MB.' }, { status: 413 })
    try {
      return Response.json(await importSubscribers(req.payload, csv))
    } catch (error) {
      if (error instanceof ImportFormatError) return Response.json({ message: error.message }, { status: 400 })
      throw error
    }
  },
}

export const subscriberEndpoints = [exportSubscriber, importCsv]
