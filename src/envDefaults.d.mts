export function sharedSettings(source?: Record<string, string | undefined>): {
  publicUrl: string
  redisUrl: string
  cacheRedisUrl: string
  redisPrefix: string
}
