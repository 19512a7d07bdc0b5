import { readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The admin's code editor (Monaco) from our own origin: Payload's editor would load it from
 * a CDN, which leaves it blank offline and would need a third party in the admin's policy.
 * Files come from the installed `monaco-editor` package and never change within a build.
 */
const ROOT = path.resolve(process.cwd(), 'node_modules/monaco-editor/min/vs')
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.ttf': 'font/ttf', '.json': 'application/json' }

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const file = path.resolve(ROOT, ...(await params).path)
  const type = TYPES[path.extname(file)]
  if (!type || !file.startsWith(ROOT + path.sep)) return new Response('Not found', { status: 404 })
  try {
    return new Response(await readFile(file), { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
