// The settings that the unbundled modules (src/cacheHandler.mjs, src/server.mjs) read as well as
// src/env.ts: one reading, so a default is written once. Node loads those modules as they are,
// so this file is plain JavaScript with no imports.

/** @param {Record<string, string | undefined>} source */
export function sharedSettings(source = process.env) {
  const redisUrl = source.REDIS_URL?.trim() || 'redis://127.0.0.1:6379'
  return {
    publicUrl: (source.PUBLIC_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, ''),
    redisUrl,
    cacheRedisUrl: source.CACHE_REDIS_URL?.trim() || redisUrl,
    redisPrefix: source.REDIS_PREFIX?.trim() || 'mindful',
  }
}
