import { CLIENT_HEADER } from '@/src/requestGate.mjs'
import { noStoreJson } from './responses'

/**
 * What every public endpoint does with an incoming request before any business logic:
 * bounded body reading, content-type checks, and answers a person can read.
 */

export const MAX_BODY_BYTES = 64 * 1024

export type FieldErrors = Record<string, string>

/** An answer to bad input: a status, a sentence, and which fields were wrong. */
export class PublicRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldErrors,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'PublicRequestError'
  }
}

export function errorResponse(error: PublicRequestError): Response {
  return noStoreJson(
    { message: error.message, ...(error.errors ? { errors: error.errors } : {}) },
    error.status,
    error.headers,
  )
}

export type ParsedBody = { kind: 'json' | 'form'; data: Record<string, unknown> }

async function readText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw new PublicRequestError(413, `The request is too large (at most ${limit / 1024} KB).`)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new PublicRequestError(413, `The request is too large (at most ${limit / 1024} KB).`)
    }
    chunks.push(value)
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks))
}

/** A form's fields; a name given more than once (ticked checkboxes) holds all its values, in order. */
function formFields(text: string): Record<string, string | string[]> {
  const params = new URLSearchParams(text)
  const fields: Record<string, string | string[]> = {}
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name)
    fields[name] = values.length > 1 ? values : values[0]
  }
  return fields
}

/** Reads a JSON or HTML-form body of at most `limit` bytes into a plain object. */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<ParsedBody> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') {
    throw new PublicRequestError(
      415,
      'Send the data as JSON (application/json) or as a form (application/x-www-form-urlencoded).',
    )
  }
  const text = await readText(request, limit)
  if (type === 'application/x-www-form-urlencoded') return { kind: 'form', data: formFields(text) }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new PublicRequestError(400, 'The request body is not valid JSON.')
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new PublicRequestError(400, 'The request body must be a JSON object.')
  }
  return { kind: 'json', data: data as Record<string, unknown> }
}

/**
 * The client's address for rate limits, as our server entry (src/server.mjs) took it from the
 * connection or the trusted proxies, never from what the client says. Without that entry
 * (`next dev`) every client shares one bucket: stricter, never looser.
 */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_HEADER) || 'unknown'
}

/** Any failure as an answer: our own errors as they are, anything else as a 503 (and logged by the caller). */
export function asPublicError(error: unknown, fallback: string): PublicRequestError {
  return error instanceof PublicRequestError ? error : new PublicRequestError(503, fallback)
}
