import { randomBytes } from 'node:crypto'
import path from 'node:path'

/**
 * Where a test keeps its data: a fresh SQLite file in its temporary folder, or, when
 * TEST_MONGODB_URL is set (the GitHub workflow's MongoDB job), a fresh database on that
 * server, so the same suite proves both adapters.
 */
export function testDatabaseUrl(dir: string, name: string): string {
  const mongo = process.env.TEST_MONGODB_URL
  if (!mongo) return `file:${path.join(dir, `${name}.db`)}`
  const url = new URL(mongo)
  url.pathname = `/mindful_${name}_${randomBytes(4).toString('hex')}`
  return url.toString()
}

export const onMongoDB = () => Boolean(process.env.TEST_MONGODB_URL)
