import type { Payload } from 'payload'

import { env } from '@/src/env'
import { senderFrom } from '../platform/mailer'
import { dnsLookup } from './dns'
import { checkSender, type CheckResult, type SenderSetup } from './senderChecks'

/** What the sender checks judge: the From of Settings (else MAIL_FROM), the configured DKIM key and SMTP route. */
export async function currentSenderSetup(payload: Payload): Promise<SenderSetup> {
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
  const from = senderFrom(settings)
  const { dkim, smtpUrls, publicUrl } = env()
  return {
    from,
    // The digest and every other message go out with the From address as the envelope sender.
    envelopeFrom: from.address,
    dkim,
    smtpUrls,
    publicUrl,
    postalAddress: settings.postalAddress,
  }
}

/** The checks as `npm run doctor`, the admin panel and the send gate run them, with DNS_SERVERS. */
export async function runSenderChecks(payload: Payload): Promise<CheckResult[]> {
  return checkSender(await currentSenderSetup(payload), dnsLookup(env().senderChecks.dnsServers))
}
