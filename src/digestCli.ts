/**
 * `npm run digest -- --now`: assembles "Mindful Moments" from what is new (everything
 * published, when nothing was ever sent: the seed content on a new site), sends it at once
 * with the digest processors running in this process, waits until it is finalized and
 * prints the stats. `npm run digest -- --preview`: the HTML of that edition on stdout,
 * nothing saved or sent. The script sends logs to stderr (LOG_DESTINATION), so stdout stays clean.
 */
import { parseArgs } from 'node:util'

import { payloadForScript, runScript } from './runScript'

const USAGE = 'usage: npm run digest -- --now | --preview'

runScript('digest', async () => {
  const { values } = parseArgs({
    options: { now: { type: 'boolean' }, preview: { type: 'boolean' }, help: { type: 'boolean' } },
  })
  if (values.help) return void process.stderr.write(`${USAGE}\n`)
  if (values.now === values.preview) throw new Error(USAGE)
  const payload = await payloadForScript()
  const { assembleEdition, newArticles, subjectFor } = await import('./services/digest/assemble')
  const { mindfulMoments } = await import('./services/newsletter/newsletters')
  const newsletter = await mindfulMoments(payload)

  if (values.preview) {
    const { loadArticles, NO_READER, renderEdition } = await import('./services/digest/content')
    const { nextEditionNumber } = await import('./services/digest/editionNumbers')
    const articles = await loadArticles(
      payload,
      (await newArticles(payload, newsletter.id)).map((a) => a.id),
    )
    if (articles.length === 0)
      throw new Error('nothing new was published since the last edition; there is nothing to preview')
    const number = await nextEditionNumber(payload)
    const email = await renderEdition(
      payload,
      { number, intro: null, articles, newsletter, ...subjectFor(newsletter, number, articles[0]) },
      NO_READER,
    )
    process.stdout.write(email.html)
    return
  }

  const { createRedis, whenReady } = await import('@/src/services/platform/redis')
  const { startDigestRuntime } = await import('@/workers/digestRuntime')
  const redis = createRedis('worker')
  await whenReady(redis, 10_000)
  const runtime = startDigestRuntime(payload, redis, { reconciler: false })
  try {
    const outcome = await assembleEdition(payload, {
      newsletter,
      periodKey: `now-${new Date().toISOString()}`,
      jobs: runtime.jobs,
      autoSend: true,
    })
    if (outcome.kind !== 'assembled') {
      process.stderr.write('Nothing new was published since the last edition: no edition was sent.\n')
      return
    }
    const { edition } = outcome
    process.stderr.write(`Sending Mindful Moments #${edition.number} (${edition.subject})…\n`)
    for (;;) {
      const current = await payload.findByID({ collection: 'editions', id: edition.id, depth: 0, overrideAccess: true })
      if (current.status === 'sent' || current.status === 'failed') {
        const stats = current.stats ?? {}
        if (current.status === 'failed')
          throw new Error(`Mindful Moments #${current.number} failed: ${current.sendError}`)
        process.stdout.write(
          `Mindful Moments #${current.number} sent: ${stats.recipients} recipients, ${stats.sent} sent, ${stats.failed} failed, ${stats.skipped} skipped, ${stats.durationSeconds} s\n`,
        )
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  } finally {
    await runtime.stop()
    await redis.quit()
  }
})
