/**
 * Runs once when the web server starts: says plainly in the log when Redis is missing,
 * since the CMS keeps working without it but mail and rate limits do not.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { redisClient, whenReady } = await import('@/src/services/platform/redis')
  const { logger } = await import('./services/platform/logger')
  whenReady(redisClient(), 5_000).then(
    () => logger.info('Redis is reachable'),
    () =>
      logger.warn(
        'Redis is not reachable at REDIS_URL: the CMS and the API work, but emails, digests and rate limits ' +
          'wait until it is back. GET /api/health shows what is down.',
      ),
  )
}
