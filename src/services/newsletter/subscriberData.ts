import { parse } from 'csv-parse/sync'
import type { Payload } from 'payload'

import type { Outcomes } from '../digest/batches'
import { normalizeEmail } from '../platform/emailAddress'
import { isSuppressed } from './suppression'

/** What an admin can do with readers' data in bulk: export one reader, import many. */

/** Everything we hold about one reader (GDPR access request), as plain JSON. */
export async function exportSubscriberData(payload: Payload, id: string | number) {
  const subscriber = await payload.findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true })
  const batches = await payload.find({
    collection: 'deliveries',
    where: { subscribers: { equals: id } },
    select: { edition: true, outcomes: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  return {
    exportedAt: new Date().toISOString(),
    subscriber,
    deliveries: batches.docs.map(({ edition, outcomes }) => {
      const outcome = (outcomes as Outcomes | null)?.[String(id)]
      return { edition, status: outcome?.status ?? 'queued', at: outcome?.at ?? null, attempts: outcome?.attempts ?? 0 }
    }),
  }
}

export type ImportReport = {
  imported: number
  alreadySubscribed: number
  suppressed: number
  rejected: Array<{ line: number; reason: string }>
}

const MAX_IMPORT_ROWS = 50_000

/**
 * Imports readers from another tool. Each row must carry its consent evidence (when and
 * where it was given); rows with a confirmation date come in active, others pending.
 * Erased addresses (the suppression list) and existing readers are left alone.
 * Columns: email, firstName, consentGivenAt, consentSource, consentWording, confirmedAt.
 */
export async function importSubscribers(payload: Payload, csv: string): Promise<ImportReport> {
  let rows: Array<Record<string, string>>
  try {
    rows = parse(csv, { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, bom: true })
  } catch (error) {
    throw new ImportFormatError(`The file is not valid CSV: ${(error as Error).message}`)
  }
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFormatError(`At most ${MAX_IMPORT_ROWS} rows per import.`)
  if (rows.length > 0 && !('email' in rows[0])) throw new ImportFormatError('The first line must name the columns, including "email".')

  const report: ImportReport = { imported: 0, alreadySubscribed: 0, suppressed: 0, rejected: [] }
  for (const [index, row] of rows.entries()) {
    const line = index + 2
    const email = normalizeEmail(row.email ?? '')
    const givenAt = Date.parse(row.consentGivenAt ?? '')
    const confirmedAt = row.confirmedAt ? Date.parse(row.confirmedAt) : undefined
    if (!email) report.rejected.push({ line, reason: 'not a valid email address' })
    else if (Number.isNaN(givenAt) || !row.consentSource) report.rejected.push({ line, reason: 'no consent evidence (consentGivenAt and consentSource)' })
    else if (confirmedAt !== undefined && Number.isNaN(confirmedAt)) report.rejected.push({ line, reason: 'confirmedAt is not a date' })
    else if (await isSuppressed(payload, email)) report.suppressed++
    else {
      const { totalDocs } = await payload.count({ collection: 'subscribers', where: { email: { equals: email } }, overrideAccess: true })
      if (totalDocs > 0) {
        report.alreadySubscribed++
        continue
      }
      await payload.create({
        collection: 'subscribers',
        overrideAccess: true,
        data: {
          email,
          firstName: row.firstName?.slice(0, 80) || undefined,
          status: confirmedAt ? 'active' : 'pending',
          confirmedAt: confirmedAt ? new Date(confirmedAt).toISOString() : undefined,
          consent: {
            givenAt: new Date(givenAt).toISOString(),
            source: `import: ${row.consentSource}`.slice(0, 80),
            wording: row.consentWording?.slice(0, 2000) || undefined,
            wordingVersion: 'imported',
          },
        },
      })
      report.imported++
    }
  }
  return report
}

export class ImportFormatError extends Error {
  override name = 'ImportFormatError'
}
