import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPayload, type TestPayload } from '../helpers/payload'

/**
 * The admin is one React tree: a component the config names but the generated import map
 * lacks (a plugin's provider, say) leaves the whole admin blank, with no error on the server.
 * So every provider and dependency the final config names must be in the committed map
 * (`npm run generate` writes it).
 */

let local: TestPayload

beforeAll(async () => {
  local = await startPayload()
})

afterAll(async () => {
  await local?.close()
})

type Component = string | { path: string; exportName?: string } | false | null | undefined

const keyOf = (component: Component) => {
  if (!component) return undefined
  const [file, exported] = (typeof component === 'string' ? component : component.path).split('#')
  return `${file}#${(typeof component === 'object' && component.exportName) || exported || 'default'}`
}

describe('the admin import map', () => {
  it('names every provider and dependency of the configuration', () => {
    const map = readFileSync(path.resolve(import.meta.dirname, '../../src/app/(payload)/admin/importMap.js'), 'utf8')
    const keys = new Set([...map.matchAll(/^\s+"([^"]+)": /gm)].map((match) => match[1]))
    expect(keys.size).toBeGreaterThan(10)
    const admin = local.payload.config.admin
    const named = [
      ...((admin.components?.providers ?? []) as Component[]),
      ...Object.values((admin.dependencies ?? {}) as Record<string, Component>),
    ]
      .map(keyOf)
      .filter((key): key is string => Boolean(key))
    expect(named).toContain('@payloadcms/storage-s3/client#S3ClientUploadHandler')
    for (const key of named) expect(keys, `${key} is missing: run npm run generate`).toContain(key)
  })
})
