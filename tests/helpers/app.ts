import { inject } from 'vitest'

import { launchApp, loginAs, runChecked, waitForHttp, type Env, type LaunchedApp } from './launch'
import { freePort } from './ports'
import { TEST_SECRET } from './payload'
import { spawnWebServer } from './webServer'

// Shared with the benchmarks, which cannot load vitest.
export { loginAs }

export const ADMIN = { email: 'admin@mindful.test', password: 'admin-password-1' }

export type RunningApp = LaunchedApp

/**
 * The product as a user runs it in production: the committed migrations applied to a fresh
 * database, the demo content seeded, our server entry (Next.js's production server) on a free port, and, when
 * asked, the worker beside it.
 */
export async function startApp(extraEnv: Env = {}, options: { worker?: boolean } = {}): Promise<RunningApp> {
  return launchApp({
    name: 'test',
    redisUrl: inject('redisUrl'),
    secret: TEST_SECRET,
    worker: options.worker,
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // The tests play the one reverse proxy: the X-Forwarded-For they send names the client.
      TRUSTED_PROXY_HOPS: '1',
      ...extraEnv,
    },
  })
}

/** Runs a command-line entry with the app's environment (its database, its Redis prefix). */
export function runWithAppEnv(app: RunningApp, args: string[]): Promise<string> {
  return runChecked(process.execPath, args, app.env)
}

/**
 * One more web process of the same app (same database, same Redis), as production runs
 * several behind a load balancer.
 */
export async function startAnotherWebProcess(app: RunningApp): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const server = spawnWebServer(app.env, port)
  let output = ''
  server.stdout!.on('data', (chunk) => (output += chunk))
  server.stderr!.on('data', (chunk) => (output += chunk))
  await waitForHttp(url, server, () => output)
  return {
    url,
    stop: async () => {
      if (server.exitCode !== null) return
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    },
  }
}

export const EDITOR = { name: 'Edie Editor', email: 'edie@mindful.test', password: 'editor-password-1', role: 'editor' }

/** Creates the editor account (as the seeded admin) and returns its auth header. */
export async function signInEditor(app: RunningApp): Promise<{ authorization: string }> {
  const admin = await loginAs(app, ADMIN)
  const response = await fetch(`${app.url}/api/users`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify(EDITOR),
  })
  if (response.status !== 201)
    throw new Error(`could not create the editor: ${response.status} ${await response.text()}`)
  return loginAs(app, EDITOR)
}

/** A reader with consent evidence (active unless `fields` say otherwise), created by an admin as an import would. */
export async function createActiveReader(
  app: RunningApp,
  admin: { authorization: string },
  email: string,
  fields: Record<string, unknown> = {},
): Promise<void> {
  const response = await fetch(`${app.url}/api/subscribers`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      email,
      status: 'active',
      consent: { givenAt: '2026-01-01T00:00:00.000Z', source: 'test', wording: 'Yes', wordingVersion: '1' },
      ...fields,
    }),
  })
  if (response.status !== 201)
    throw new Error(`could not create the reader: ${response.status} ${await response.text()}`)
}

/** A JSON request to the app's REST API (`/api/…`) as `who`: a staff member's auth header, or nobody. */
export function apiAs(
  app: Pick<RunningApp, 'url'>,
  who: { authorization: string } | undefined,
  pathname: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${app.url}/api/${pathname}`, {
    ...init,
    headers: { ...who, 'content-type': 'application/json', ...init.headers },
  })
}

/** A JSON request that must succeed (`path` as `/articles?…`): its parsed answer, or an error with the status and body. */
export async function apiJson<T = Record<string, unknown>>(
  app: Pick<RunningApp, 'url'>,
  who: { authorization: string } | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await apiAs(app, who, path.replace(/^\//, ''), {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return JSON.parse(text) as T
}

/** A draft edition of the newest article, made by `editor` through the API, as from the admin; its id. */
export async function createEditionAs(
  app: Pick<RunningApp, 'url'>,
  editor: { authorization: string },
  subject: string,
): Promise<number> {
  const { docs } = (await (await apiAs(app, editor, 'articles?limit=1&depth=0')).json()) as {
    docs: Array<{ id: number }>
  }
  const created = await apiAs(app, editor, 'editions', {
    method: 'POST',
    body: JSON.stringify({ subject, articles: [docs[0].id] }),
  })
  if (created.status !== 201) throw new Error(`could not create the edition: ${created.status} ${await created.text()}`)
  return ((await created.json()) as { doc: { id: number } }).doc.id
}
