import { createReadStream } from 'node:fs'
import { appendFile, mkdir, open, rm, stat, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'csv-parse'
import { parse as parseCsv } from 'csv-parse/sync'
import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'

import { SUBSCRIBER_STATUSES, type SubscriberStatus } from '@/src/services/newsletter/subscriberStatuses'
import type { Subscriber, SubscriberImport } from '@/src/payload-types'
import { insertDocuments } from '@/src/database'
import { env } from '@/src/env'
import { normalizeEmail } from '../platform/emailAddress'
import { logger } from '../platform/logger'
import { suppressedAmong } from './suppression'
import { fromCsvCell, csvLines } from '../platform/csv'
import { newLinkKey } from '../platform/recordLinks'
import { idOf, type RecordId } from '../platform/records'
import { topicChoices } from './topics'
import { consentsFor, defaultNewsletters, type NewsletterChoice } from './newsletters'

/**
 * A reader list brought from another service, imported by the worker in the background.
 * The file is streamed (never held in memory) and settled in chunks of rows; each chunk's
 * last write moves the import's checkpoint, so a worker killed mid-import resumes after the
 * last chunk it finished. A chunk's new readers are written at once (`insertDocuments`: one
 * statement on SQLite, a transaction on MongoDB where it has them), and its checkpoint after
 * them; every reader names the import and the row that brought it (`importId`, `importRow`),
 * so a chunk settled again after a crash counts its own rows as imported, exactly once, and
 * a row the file repeats as already there. Existing addresses are left alone: the same file
 * twice, or two imports at once, add nobody twice. Addresses never reach a log, a job or the
 * import's record; only the rejected lines' file (for admins) repeats them.
 */

/** The columns the import reads and the export writes, so a list moves out as easily as in. */
export const LIST_COLUMNS = [
  'email',
  'firstName',
  'status',
  'consentGivenAt',
  'consentSource',
  'consentWording',
  'confirmedAt',
  'topics',
  'newsletters',
] as const

/** A `topics` or `newsletters` cell: slugs separated by spaces (or semicolons); empty for every story, or the import's newsletters. */
const SLUG_SEPARATOR = /[\s;]+/

/** The topics and newsletters of the site, slug to id, for the rows' cells; and what a row without newsletters joins. */
export type ImportChoices = {
  topics: Map<string, RecordId>
  newsletters: Map<string, NewsletterChoice>
  /** The newsletter the import was made for (every row joins it), or else the default ones (for rows naming none). */
  target: NewsletterChoice | null
  defaults: NewsletterChoice[]
}

const NO_CHOICES: ImportChoices = { topics: new Map(), newsletters: new Map(), target: null, defaults: [] }

const slugsIn = (cell: string | undefined) => [...new Set((cell ?? '').split(SLUG_SEPARATOR).filter(Boolean))]

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024

/** The longest row read: far above any reader's row, far below what would strain the worker. */
const MAX_RECORD_CHARS = 16 * 1024

/** Parser errors after which the rest of the file cannot be read, and what to tell the admin. */
const UNREADABLE_FROM_HERE: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value that starts here is never closed',
  CSV_MAX_RECORD_SIZE: `a row starting here runs on for more than ${MAX_RECORD_CHARS.toLocaleString('en')} characters (most likely a quote left open)`,
}

/** Rows per transaction: large enough to amortize it, small enough to lose little on a crash. */
const CHUNK_ROWS = 500

export class ImportFormatError extends Error {
  override name = 'ImportFormatError'
}

const importsDir = () => path.join(env().dataDir, 'imports')
export const importFilePath = (storedAs: string) => path.join(importsDir(), `${storedAs}.csv`)
export const rejectedFilePath = (storedAs: string) => path.join(importsDir(), `${storedAs}-rejected.csv`)

type Row = Record<string, string | undefined>
type Candidate = { line: number; row: number; email: string; data: Partial<Subscriber> }
type Rejection = { line: number; reason: string; row: Row }

const IMPORTABLE_STATUSES = new Set<string>(SUBSCRIBER_STATUSES)

/** One row's subscriber, or why it cannot be one. Consent evidence is required of every row. */
export function checkImportRow(
  row: Row,
  line: number,
  rowNumber = 0,
  choices: ImportChoices = NO_CHOICES,
): Candidate | Rejection {
  const email = normalizeEmail(row.email ?? '')
  const givenAt = Date.parse(row.consentGivenAt ?? '')
  const confirmedAt = row.confirmedAt ? Date.parse(row.confirmedAt) : undefined
  const stated = row.status?.trim().toLowerCase()
  const reject = (reason: string): Rejection => ({ line, reason, row })
  if (!email) return reject('not a valid email address')
  if (Number.isNaN(givenAt) || !row.consentSource)
    return reject('no consent evidence (consentGivenAt and consentSource)')
  if (confirmedAt !== undefined && Number.isNaN(confirmedAt)) return reject('confirmedAt is not a date')
  if (stated && !IMPORTABLE_STATUSES.has(stated))
    return reject(`status must be one of ${SUBSCRIBER_STATUSES.join(', ')}`)
  const topicSlugs = slugsIn(row.topics)
  const unknownTopics = topicSlugs.filter((slug) => !choices.topics.has(slug))
  if (unknownTopics.length > 0) return reject(`no topic called ${quoted(unknownTopics)} on this site`)
  const newsletterSlugs = slugsIn(row.newsletters)
  const unknownNewsletters = newsletterSlugs.filter((slug) => !choices.newsletters.has(slug))
  if (unknownNewsletters.length > 0) return reject(`no newsletter called ${quoted(unknownNewsletters)} on this site`)
  const named = newsletterSlugs.map((slug) => choices.newsletters.get(slug)!)
  if (choices.target && !named.some((newsletter) => newsletter.id === choices.target!.id)) named.push(choices.target)
  const newsletters = named.length > 0 ? named : choices.defaults
  const status = (stated || (confirmedAt !== undefined ? 'active' : 'pending')) as SubscriberStatus
  const source = row.consentSource.startsWith('import: ') ? row.consentSource : `import: ${row.consentSource}`
  const consent = {
    givenAt: new Date(givenAt).toISOString(),
    source: source.slice(0, 80),
    wording: row.consentWording?.slice(0, 2000) || undefined,
    wordingVersion: 'imported',
  }
  return {
    line,
    row: rowNumber,
    email,
    data: {
      topics: topicSlugs.map((slug) => choices.topics.get(slug)!) as Subscriber['topics'],
      newsletters: newsletters.map((newsletter) => newsletter.id),
      // The file's consent stands for each newsletter the row joins.
      newsletterConsents: consentsFor(newsletters, consent),
      email,
      firstName:
        row.firstName
          ?.replace(/\p{Cc}+/gu, ' ')
          .trim()
          .slice(0, 80) || undefined,
      status,
      confirmedAt: confirmedAt !== undefined ? new Date(confirmedAt).toISOString() : undefined,
      // An unsubscribed reader keeps the time they left, as far as the file tells it.
      unsubscribedAt: status === 'unsubscribed' ? new Date().toISOString() : undefined,
      consent,
    },
  }
}

const quoted = (slugs: string[]) => slugs.map((slug) => `“${slug.slice(0, 40)}”`).join(', ')

/** What the rows of `job` can choose, read once per run. */
async function importChoices(payload: Payload, job: SubscriberImport): Promise<ImportChoices> {
  const targetId = idOf(job.newsletter)
  const [topics, { docs: newsletters }, defaults] = await Promise.all([
    topicChoices(payload),
    payload.find({
      collection: 'newsletters',
      pagination: false,
      depth: 0,
      select: { name: true, slug: true, description: true, defaultForNewReaders: true },
      overrideAccess: true,
    }),
    defaultNewsletters(payload),
  ])
  return {
    topics: new Map(topics.map((topic) => [topic.slug ?? String(topic.id), topic.id])),
    newsletters: new Map(newsletters.map((newsletter) => [newsletter.slug, newsletter])),
    target:
      newsletters.find((newsletter) => targetId !== undefined && String(newsletter.id) === String(targetId)) ?? null,
    defaults,
  }
}

/** Reads the first line only: a file without an "email" column is refused before it is queued. */
export async function checkImportHeader(file: string): Promise<void> {
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(64 * 1024), position: 0 })
    let columns: string[] = []
    try {
      ;[columns = []] = parseCsv(buffer.subarray(0, bytesRead).toString('utf8'), {
        to_line: 1,
        bom: true,
        trim: true,
      }) as string[][]
    } catch {
      // A first line that is not CSV names no columns.
    }
    if (!columns.includes('email'))
      throw new ImportFormatError(
        `The first line must name the columns, including "email" (e.g. ${LIST_COLUMNS.join(',')}).`,
      )
  } finally {
    await handle.close()
  }
}

const REJECTED_HEADER = csvLines([['line', 'reason', ...LIST_COLUMNS]])

type Counts = Pick<
  SubscriberImport,
  'processed' | 'bytesRead' | 'imported' | 'alreadySubscribed' | 'suppressed' | 'rejected' | 'rejectedBytes'
>
/** A row as parsed: its line in the file and where in the file it ends. */
type ParsedRow = { line: number; bytes: number; row: Row }

/** One chunk: checked, looked up in two queries, written, then its checkpoint moved (in one transaction where the adapter has them). */
async function settleChunk(
  payload: Payload,
  job: SubscriberImport,
  rows: ParsedRow[],
  counts: Required<{ [K in keyof Counts]: number }>,
  choices: ImportChoices,
) {
  const candidates: Candidate[] = []
  const rejections: Rejection[] = []
  for (const [index, { line, row }] of rows.entries()) {
    const checked = checkImportRow(row, line, counts.processed + index + 1, choices)
    if ('reason' in checked) rejections.push(checked)
    else candidates.push(checked)
  }
  const emails = candidates.map((candidate) => candidate.email)
  for (let attempt = 1; ; attempt++) {
    const [suppressed, existing] = await Promise.all([suppressedAmong(payload, emails), existingAmong(payload, emails)])
    const fresh = new Map<string, Candidate>()
    let already = 0
    let erased = 0
    let ours = 0
    const unfinished: Candidate[] = []
    for (const candidate of candidates) {
      const holder = existing.get(candidate.email)
      if (suppressed.has(candidate.email)) erased++
      // This very row, written by a run that died before its checkpoint: imported, not "already there".
      else if (holder?.importId === String(job.id) && holder.importRow === candidate.row) {
        ours++
        // Died between the readers' insert and their newsletters' (every imported reader has at least one).
        if ((holder.newsletters ?? []).length === 0) unfinished.push(candidate)
      } else if (existing.has(candidate.email) || fresh.has(candidate.email)) already++
      else fresh.set(candidate.email, candidate)
    }
    // The rejected lines go to their file first; the checkpoint records how long it is, so a resumed import cuts off what a crash left behind.
    const rejectedText =
      rejections.length > 0
        ? csvLines(
            rejections.map(({ line, reason, row }) => [
              line,
              reason,
              ...LIST_COLUMNS.map((column) => row[column] ?? ''),
            ]),
          )
        : ''
    if (rejectedText) await appendFile(rejectedFilePath(job.storedAs), rejectedText)
    const next = {
      processed: counts.processed + rows.length,
      bytesRead: rows.at(-1)?.bytes ?? counts.bytesRead,
      imported: counts.imported + fresh.size + ours,
      alreadySubscribed: counts.alreadySubscribed + already,
      suppressed: counts.suppressed + erased,
      rejected: counts.rejected + rejections.length,
      rejectedBytes: counts.rejectedBytes + Buffer.byteLength(rejectedText),
    }
    const req = await createLocalReq({}, payload)
    const owns = await initTransaction(req)
    try {
      const now = new Date().toISOString()
      // The adapter's bulk write: the rows are checked above, and Payload's per-document hooks would cost more than the insert.
      const readers = [...fresh.values()].map((candidate) => ({
        bounceCount: 0,
        ...candidate.data,
        linkKey: newLinkKey(),
        importId: String(job.id),
        importRow: candidate.row,
        createdAt: now,
        updatedAt: now,
      }))
      await insertDocuments(payload, 'subscribers', readers, req)
      // Only after a crash, a few rows at most: the Local API, which writes relationships and arrays everywhere.
      for (const { email, data } of unfinished)
        await payload.update({
          collection: 'subscribers',
          where: { email: { equals: email } },
          data: { newsletters: data.newsletters, topics: data.topics, newsletterConsents: data.newsletterConsents },
          depth: 0,
          overrideAccess: true,
          req,
        })
      await payload.db.updateOne({ collection: 'subscriber-imports', id: job.id, data: next, req, returning: false })
      if (owns) await commitTransaction(req)
      Object.assign(counts, next)
      return
    } catch (error) {
      if (owns) await killTransaction(req)
      if (rejectedText) await truncate(rejectedFilePath(job.storedAs), counts.rejectedBytes)
      // Another import or a sign-up added one of these addresses meanwhile: look again.
      if (attempt < 3) {
        logger.warn(
          { import: job.id, err: (error as Error).message },
          'an import chunk met a concurrent write; settling it again',
        )
        continue
      }
      throw error
    }
  }
}

/** The addresses already held, each with the import and row that brought it (if one did). */
async function existingAmong(
  payload: Payload,
  emails: string[],
): Promise<Map<string, Pick<Subscriber, 'importId' | 'importRow' | 'newsletters'>>> {
  if (emails.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'subscribers',
    where: { email: { in: emails } },
    select: { email: true, importId: true, importRow: true, newsletters: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return new Map(
    docs.map((doc) => [doc.email, { importId: doc.importId, importRow: doc.importRow, newsletters: doc.newsletters }]),
  )
}

const setImport = (payload: Payload, id: SubscriberImport['id'], data: Partial<SubscriberImport>) =>
  payload.update({ collection: 'subscriber-imports', id, data, depth: 0, overrideAccess: true })

/** Runs (or resumes) an import to its end. Safe to call again at any point. */
export async function runImport(payload: Payload, importId: string | number): Promise<SubscriberImport['status']> {
  const job = await payload.findByID({ collection: 'subscriber-imports', id: importId, depth: 0, overrideAccess: true })
  if (job.status === 'done' || job.status === 'failed') return job.status
  if (job.status === 'queued')
    await setImport(payload, job.id, { status: 'running', startedAt: new Date().toISOString() })

  const counts = {
    processed: job.processed ?? 0,
    bytesRead: job.bytesRead ?? 0,
    imported: job.imported ?? 0,
    alreadySubscribed: job.alreadySubscribed ?? 0,
    suppressed: job.suppressed ?? 0,
    rejected: job.rejected ?? 0,
    rejectedBytes: job.rejectedBytes ?? 0,
  }
  await mkdir(importsDir(), { recursive: true })
  if (counts.rejectedBytes === 0) {
    await writeFile(rejectedFilePath(job.storedAs), REJECTED_HEADER)
    counts.rejectedBytes = Buffer.byteLength(REJECTED_HEADER)
  } else {
    await truncate(rejectedFilePath(job.storedAs), counts.rejectedBytes)
  }

  const choices = await importChoices(payload, job)
  let lastLine = 1
  const parser = createReadStream(importFilePath(job.storedAs)).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_records_with_error: true,
      cast: fromCsvCell,
      // A reader's row is a few hundred characters; a quote left open would otherwise grow one record to the worker's memory limit.
      max_record_size: MAX_RECORD_CHARS,
      // The last line read whole, as the parser reads it (the loop below runs behind it).
      on_record: (record: Row, context: { lines: number }) => {
        lastLine = context.lines
        return record
      },
    }),
  )
  // A line that is not CSV is rejected with the reason, not the whole file. A quote left
  // open is different: the parser reads on to the end of the file inside it, so nothing
  // after it can be read, and the import ends as failed, naming the line.
  const broken: Array<{ line: number; row: Row }> = []
  let unreadable: { line: number; reason: string } | undefined
  parser.on('skip', (error: Error & { lines?: number; code?: string }) => {
    const reason = UNREADABLE_FROM_HERE[error.code ?? '']
    if (reason) unreadable ??= { line: lastLine + 1, reason }
    else broken.push({ line: error.lines ?? 0, row: { email: `(${error.message})` } })
  })

  let seen = 0
  let chunk: ParsedRow[] = []
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Row
      info: { lines: number; bytes: number }
    }>) {
      seen++
      // Rows before the checkpoint were settled by an earlier run.
      if (seen <= counts.processed) continue
      chunk.push({ line: info.lines, bytes: info.bytes, row: record })
      if (chunk.length >= CHUNK_ROWS) {
        await settleChunk(payload, job, chunk, counts, choices)
        chunk = []
      }
    }
    if (chunk.length > 0) await settleChunk(payload, job, chunk, counts, choices)
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      await setImport(payload, job.id, {
        status: 'failed',
        error: 'The uploaded file is gone from the server.',
        finishedAt: new Date().toISOString(),
      })
      return 'failed'
    }
    throw error
  }
  // Lines the parser could not read are reported at the end, in the same write that ends the import (a resumed run finds them again).
  const brokenText = csvLines(
    broken.map(({ line, row }) => [line, `not valid CSV ${row.email}`, ...LIST_COLUMNS.map(() => '')]),
  )
  if (brokenText) await appendFile(rejectedFilePath(job.storedAs), brokenText)
  counts.rejected += broken.length
  counts.rejectedBytes += Buffer.byteLength(brokenText)
  if (unreadable) {
    const error = `Line ${unreadable.line}: ${unreadable.reason}, so nothing from there on could be read. The ${counts.processed.toLocaleString('en')} rows before it are settled; fix that line and import the file again (rows already here count as already subscribed).`
    await setImport(payload, job.id, {
      status: 'failed',
      error,
      finishedAt: new Date().toISOString(),
      rejected: counts.rejected,
      rejectedBytes: counts.rejectedBytes,
    })
    logger.warn(
      { import: job.id, line: unreadable.line, ...counts },
      'import failed: the file cannot be read past a line',
    )
    return 'failed'
  }
  await setImport(payload, job.id, {
    status: 'done',
    finishedAt: new Date().toISOString(),
    rejected: counts.rejected,
    rejectedBytes: counts.rejectedBytes,
  })
  await rm(importFilePath(job.storedAs), { force: true })
  logger.info({ import: job.id, ...counts }, 'import done')
  return 'done'
}

export async function markImportFailed(payload: Payload, importId: string | number, reason: string): Promise<void> {
  await setImport(payload, importId as SubscriberImport['id'], {
    status: 'failed',
    error: reason.slice(0, 300),
    finishedAt: new Date().toISOString(),
  })
}

/** What the status URL answers: counts and a state, never an address. */
export function importStatus(job: SubscriberImport) {
  return {
    importId: job.id,
    status: job.status,
    // How far into the file the settled rows reach, in whole per cent: 100 only once done.
    percent:
      job.status === 'done' ? 100 : job.bytes ? Math.min(99, Math.floor(((job.bytesRead ?? 0) / job.bytes) * 100)) : 0,
    processed: job.processed ?? 0,
    imported: job.imported ?? 0,
    alreadySubscribed: job.alreadySubscribed ?? 0,
    suppressed: job.suppressed ?? 0,
    rejected: job.rejected ?? 0,
    ...(job.status === 'done' && (job.rejected ?? 0) > 0
      ? { rejectedUrl: `/api/subscribers/imports/${job.id}/rejected` }
      : {}),
    ...(job.error ? { error: job.error } : {}),
  }
}

/** Imports that a worker should be running: the queue may have lost their jobs. */
export async function unfinishedImports(payload: Payload): Promise<Array<SubscriberImport['id']>> {
  const { docs } = await payload.find({
    collection: 'subscriber-imports',
    where: { status: { in: ['queued', 'running'] } },
    select: {},
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return docs.map((doc) => doc.id)
}

/** The uploaded file's size on disk (for the record). */
export const fileBytes = async (storedAs: string) => (await stat(importFilePath(storedAs))).size
