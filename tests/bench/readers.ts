import { once } from 'node:events'
import { createReadStream, createWriteStream, statSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'

/** A list of `rows` confirmed readers as a CSV an admin would upload (`reader-0000042@bench.example`). */
export async function writeReaderList(dir: string, rows: number): Promise<{ file: string; bytes: number }> {
  const file = path.join(dir, 'list.csv')
  const out = createWriteStream(file)
  out.write('email,firstName,consentGivenAt,consentSource,consentWording,confirmedAt\n')
  for (let i = 0; i < rows; i++) {
    const line = `reader-${String(i).padStart(7, '0')}@bench.example,${i % 2 ? 'Zoë' : ''},2025-01-01T00:00:00Z,old tool,Send me Mindful Moments,2025-01-01T00:05:00Z\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  await new Promise((resolve) => out.end(resolve))
  return { file, bytes: statSync(file).size }
}

type ImportStatus = { status: string; processed: number; imported: number }

/** Uploads the list through the admin's import endpoint and waits until the worker has imported it. */
export async function importReaderList(
  url: string,
  auth: Record<string, string>,
  list: { file: string; bytes: number },
  onUploaded?: () => void,
): Promise<ImportStatus> {
  const upload = await fetch(`${url}/api/subscribers/import`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv', 'content-length': String(list.bytes) },
    body: Readable.toWeb(createReadStream(list.file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit)
  if (upload.status !== 202) throw new Error(`the upload was refused: ${upload.status} ${await upload.text()}`)
  onUploaded?.()
  const { statusUrl } = (await upload.json()) as { statusUrl: string }
  for (;;) {
    const status = (await (await fetch(`${url}${statusUrl}`, { headers: auth })).json()) as ImportStatus
    if (status.status === 'done' || status.status === 'failed') return status
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
