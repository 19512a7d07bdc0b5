import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { mongooseAdapter, type MongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter, type SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { CollectionSlug, DatabaseAdapterObj, Payload, PayloadRequest } from 'payload'

import type { Database } from './env'
import { logger } from './services/platform/logger'

/**
 * The adapter is chosen from DATABASE_URL alone; everything else in the product talks to
 * Payload's Local API (or, for bulk writes, `insertDocuments` here, the one place that
 * knows an adapter's bulk path) and never to a driver, so MongoDB works unchanged.
 */
export function databaseAdapter(database: Database): DatabaseAdapterObj {
  // Each adapter has its own migrations: SQLite's are schema changes, MongoDB's data only.
  if (database.kind === 'mongodb') {
    if (!hasReplicaSet(database.url)) {
      logger.warn(
        'DATABASE_URL names no replicaSet: MongoDB then runs without transactions, and a crash mid-write can leave half of it. Add ?replicaSet=… (docker-compose.yml: rs0).',
      )
    }
    return mongooseAdapter({
      url: database.url,
      migrationDir: path.resolve(process.cwd(), 'src/migrations/mongodb'),
      // Unique keys decide races (an event, a sign-up, an edition's period): their indexes must
      // exist before the first request, not whenever mongoose gets round to building them.
      ensureIndexes: true,
      // Sorting by id alone (the fan-out, the export) walks the _id index; Payload's fallback
      // sort would add createdAt and make MongoDB sort the whole set in memory.
      disableFallbackSort: true,
    })
  }
  mkdirSync(path.dirname(database.file), { recursive: true })
  return sqliteAdapter({
    client: { url: database.url },
    // The web app and the worker share one file: WAL lets readers work while one writes,
    // and the busy timeout makes a writer wait for the other instead of failing.
    // synchronous=NORMAL: in WAL mode a killed process loses no commit (only an OS crash or a
    // power cut can roll back the last ones, which the digest's Redis progress bounds anyway),
    // and each commit skips an fsync: imports ran 1,204 → 1,811 rows/s.
    wal: { synchronous: 'NORMAL' },
    // Ids are never given out twice (SQLite otherwise reuses a deleted last row's id): a link
    // made for an erased reader must never find whoever signs up next.
    autoIncrement: true,
    busyTimeout: 10_000,
    // No `transactionOptions`, so each statement commits on its own: libsql's client hands its
    // connection to a transaction and opens a fresh one for everything else, without the busy
    // timeout and `synchronous` set here (libsql-client-ts#288), and a write of this process
    // waiting on its own open transaction would block the event loop until it timed out.
    // Many rows at once go through `insertDocuments` below: one statement, atomic.
    // Development pushes the schema on start; production applies these committed migrations
    // (`npm run migrate`, which `npm start` runs first).
    migrationDir: path.resolve(process.cwd(), 'src/migrations/sqlite'),
  })
}

/** Transactions need a replica set (or a sharded cluster, which mongodb+srv:// usually names too). */
function hasReplicaSet(url: string): boolean {
  if (url.startsWith('mongodb+srv://')) return true
  try {
    return new URL(url).searchParams.has('replicaSet')
  } catch {
    return false
  }
}

type Document = Record<string, unknown>

/**
 * Writes many new documents of one collection as they are: no hooks, no validation, no
 * defaults (the caller checked them and gives every required field). Made for imports.
 *
 * On SQLite this is one multi-row INSERT per few hundred documents through the adapter's own
 * `insert` (its bulk path, the one Payload uses for array rows): one statement, one commit,
 * atomic — a unique clash adds none of its rows. One adapter `create` per document cost
 * ~600 µs, most of it building, preparing and committing a statement per row. On MongoDB it
 * is one `insertMany`, in `req`'s transaction if it has one.
 * Plain and group fields, hasMany relationships given as lists of ids and arrays of plain
 * rows (on SQLite these go into the `_rels` table and the array's own table, one more INSERT
 * each, after the documents': a crash between them leaves documents without them, which the
 * caller must be able to repair); a key with no column is an error, not a silent drop.
 */
export async function insertDocuments(
  payload: Payload,
  collection: CollectionSlug,
  documents: Document[],
  req: Partial<PayloadRequest>,
): Promise<void> {
  if (documents.length === 0) return
  if (payload.db.packageName === '@payloadcms/db-mongodb')
    return insertMongoDocuments(payload, collection, documents, req)
  if (payload.db.packageName !== '@payloadcms/db-sqlite') {
    for (const data of documents) await payload.db.create({ collection, data, req, returning: false })
    return
  }
  const adapter = payload.db as unknown as SQLiteAdapter
  // The adapter names a collection's table after its slug in snake case (our slugs are kebab case).
  const tableName = adapter.tableNameMap.get(collection.replaceAll('-', '_'))
  const table = tableName ? adapter.rawTables[tableName] : undefined
  if (!tableName || !table) throw new Error(`No table for the collection "${collection}".`)
  const columns = new Set(Object.keys(table.columns))
  const relationTo = hasManyRelationships(payload, collection)
  const arrayTables = new Map(
    arrayFieldNames(payload, collection).map((name) => [name, `${tableName}_${toSnakeCase(name)}`]),
  )
  const split = documents.map((document) => {
    const plain: Document = {}
    const related: Array<[string, unknown[]]> = []
    const arrays: Array<[string, Document[]]> = []
    for (const [key, value] of Object.entries(document)) {
      if (relationTo.has(key) && Array.isArray(value)) related.push([key, value])
      else if (arrayTables.has(key) && Array.isArray(value)) arrays.push([key, value as Document[]])
      else plain[key] = value
    }
    return { row: tableRow(plain, columns, collection), related, arrays }
  })
  const rows = split.map(({ row }) => row)
  const withChildren = split.some(
    ({ related, arrays }) => related.some(([, ids]) => ids.length > 0) || arrays.some(([, items]) => items.length > 0),
  )
  // SQLite binds at most 32,766 values per statement.
  const perStatement = Math.max(1, Math.floor(32_000 / Math.max(...rows.map((row) => Object.keys(row).length))))
  // (The adapter's own types disagree on its drizzle instance's schema type.)
  const db = adapter.drizzle as unknown as Parameters<SQLiteAdapter['insert']>[0]['db']
  for (let start = 0; start < rows.length; start += perStatement) {
    const inserted = (await adapter.insert({
      db,
      tableName,
      values: rows.slice(start, start + perStatement),
    })) as Array<{
      id: number
    }>
    if (!withChildren) continue
    // One statement numbers its rows in the order of its VALUES (AUTOINCREMENT), whatever order RETURNING lists them in.
    const ids = inserted.map((row) => row.id).sort((a, b) => a - b)
    const chunk = split.slice(start, start + perStatement)
    const relRows = chunk.flatMap(({ related }, index) =>
      related.flatMap(([path, values]) =>
        values.map((value, order) => ({
          parent: ids[index],
          path,
          order: order + 1,
          [`${relationTo.get(path)}ID`]: value,
        })),
      ),
    )
    await insertChildRows(adapter, db, `${tableName}${adapter.relationshipsSuffix}`, relRows)
    for (const [name, childTable] of arrayTables) {
      const childColumns = new Set(Object.keys(adapter.rawTables[childTable]?.columns ?? {}))
      if (childColumns.size === 0) throw new Error(`No table for the array "${name}" of "${collection}".`)
      const childRows = chunk.flatMap(({ arrays }, index) =>
        arrays
          .filter(([key]) => key === name)
          .flatMap(([, items]) =>
            items.map((item, order) => ({
              ...tableRow(item, childColumns, `${collection}.${name}`),
              _order: order + 1,
              _parentID: ids[index],
              // Array rows' ids are text and, on SQLite, unique across the table: made here, as Payload makes them.
              id: randomBytes(12).toString('hex'),
            })),
          ),
      )
      await insertChildRows(adapter, db, childTable, childRows)
    }
  }
}

async function insertChildRows(
  adapter: SQLiteAdapter,
  db: Parameters<SQLiteAdapter['insert']>[0]['db'],
  tableName: string,
  rows: Document[],
) {
  // Child rows have a few columns each: thousands fit under SQLite's bound-value limit.
  for (let at = 0; at < rows.length; at += 3_000)
    await adapter.insert({ db, tableName, values: rows.slice(at, at + 3_000) })
}

/** A collection's top-level array fields (each has a table of its own on SQLite). */
function arrayFieldNames(payload: Payload, collection: CollectionSlug): string[] {
  return payload.collections[collection].config.flattenedFields.flatMap((field) =>
    field.type === 'array' ? [field.name] : [],
  )
}

/** "newsletterConsents" → "newsletter_consents", as the adapter names an array's table. */
const toSnakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** A collection's top-level hasMany relationships to one collection: field name → the collection it points to. */
function hasManyRelationships(payload: Payload, collection: CollectionSlug): Map<string, string> {
  const fields = payload.collections[collection].config.flattenedFields
  return new Map(
    fields.flatMap((field) =>
      field.type === 'relationship' && field.hasMany && typeof field.relationTo === 'string'
        ? [[field.name, field.relationTo] as [string, string]]
        : [],
    ),
  )
}

/**
 * MongoDB: one `insertMany` through the adapter's own model, in `req`'s transaction when it has
 * one (so the chunk is atomic there, as on SQLite). Keys are checked against the model's schema
 * first: mongoose would drop an unknown one silently.
 */
async function insertMongoDocuments(
  payload: Payload,
  collection: CollectionSlug,
  documents: Document[],
  req: Partial<PayloadRequest>,
): Promise<void> {
  const adapter = payload.db as unknown as MongooseAdapter
  const Model = adapter.collections[collection]
  if (!Model) throw new Error(`No model for the collection "${collection}".`)
  const checkKeys = (document: Document, prefix = '') => {
    for (const [key, value] of Object.entries(document)) {
      const at = `${prefix}${key}`
      if (Model.schema.pathType(at) === 'adhocOrUndefined')
        throw new Error(`"${collection}" has no field "${at}": insertDocuments writes known fields only.`)
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date))
        checkKeys(value as Document, `${at}.`)
    }
  }
  const now = new Date().toISOString()
  const arrays = arrayFieldNames(payload, collection)
  const rows = documents.map((document) => {
    checkKeys(document)
    // Array rows carry an id of their own, as Payload gives them.
    const withIds = Object.fromEntries(
      arrays
        .filter((name) => Array.isArray(document[name]))
        .map((name) => [
          name,
          (document[name] as Document[]).map((item) => ({ id: randomBytes(12).toString('hex'), ...item })),
        ]),
    )
    return { createdAt: now, updatedAt: now, ...document, ...withIds }
  })
  const transactionID = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  const session = transactionID === undefined ? undefined : adapter.sessions[transactionID]
  await Model.insertMany(rows, { session, ordered: true })
}

/** A document as its table's row: a group's fields become `group_field` columns, as the adapter names them. */
function tableRow(document: Document, columns: Set<string>, collection: string, prefix = ''): Document {
  const row: Document = {}
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined) continue
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      Object.assign(row, tableRow(value as Document, columns, collection, `${prefix}${key}_`))
    } else if (columns.has(`${prefix}${key}`)) {
      // Dates are text columns in SQLite, written as ISO strings the way Payload writes them.
      row[`${prefix}${key}`] = value instanceof Date ? value.toISOString() : value
    } else {
      throw new Error(
        `"${collection}" has no column for "${prefix}${key}": insertDocuments writes plain and group fields only.`,
      )
    }
  }
  return row
}
