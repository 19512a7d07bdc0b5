import type { Redis } from 'ioredis'

export function currentBuildId(cwd?: string): string
export function createPageCacheStore(options: { redisUrl: string; redisPrefix: string; buildId?: string }): {
  handler: { revalidateTag(tag: string): Promise<void> }
  client: Redis
}
