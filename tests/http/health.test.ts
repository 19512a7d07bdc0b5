import { afterAll, describe, expect, it } from 'vitest'

import { startApp, type RunningApp } from '../helpers/app'
import { freePort } from '../helpers/ports'

const apps: RunningApp[] = []
afterAll(() => Promise.all(apps.map((app) => app.stop())))

// Each test starts an app of its own (migrate, seed, next start: ~10–20 s on CI, more when
// Node drops a start), so each gets the time a hook that starts one gets.
const STARTS_AN_APP = { timeout: 180_000 }

describe('GET /api/health', () => {
  it('answers 200 with db and redis "ok" when both answer', STARTS_AN_APP, async () => {
    const app = await startApp()
    apps.push(app)
    const response = await fetch(`${app.url}/api/health`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ db: 'ok', redis: 'ok' })
  })

  it('leaves GET /api/metrics off (404) when METRICS_TOKEN is not set', async () => {
    const response = await fetch(`${apps[0].url}/api/metrics`, {
      headers: { authorization: 'Bearer anything-at-all-here' },
    })
    expect(response.status).toBe(404)
    expect(((await response.json()) as { message: string }).message).toMatch(/METRICS_TOKEN/)
  })

  it(
    'answers 503 naming Redis when it is down, while the CMS keeps serving and the log says why',
    STARTS_AN_APP,
    async () => {
      const nothingListens = await freePort()
      const app = await startApp({ REDIS_URL: `redis://127.0.0.1:${nothingListens}` })
      apps.push(app)
      const response = await fetch(`${app.url}/api/health`)
      expect(response.status).toBe(503)
      const report = (await response.json()) as { db: string; redis: string }
      expect(report.db).toBe('ok')
      expect(report.redis).toMatch(/^error: Redis is not reachable/)

      const articles = await fetch(`${app.url}/api/articles`)
      expect(articles.status).toBe(200)
      expect(((await articles.json()) as { totalDocs: number }).totalDocs).toBe(1)
      expect((await fetch(`${app.url}/admin/login`)).status).toBe(200)

      await expect.poll(() => app.output(), { timeout: 10_000 }).toContain('Redis is not reachable at REDIS_URL')
    },
  )
})
