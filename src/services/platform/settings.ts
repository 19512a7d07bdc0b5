import config from '@payload-config'
import { getPayload } from 'payload'

import type { Setting } from '@/src/payload-types'

/** The settings global as readers may see it (it holds nothing private). */
export async function publicSettings(): Promise<Setting> {
  const payload = await getPayload({ config })
  return payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: false })
}
