import { promises as dns } from 'node:dns'

/**
 * The DNS the sender checks read: the system's resolvers, or the ones DNS_SERVERS names (a
 * resolver that sees the zone as the mailbox providers will, or a test's server on loopback).
 * Shaped as mailauth's resolver: `(name, type)` answering as `dns.resolve` does.
 */
export type DnsLookup = {
  (name: string, type: 'TXT'): Promise<string[][]>
  (name: string, type: 'MX'): Promise<Array<{ exchange: string; priority: number }>>
  (name: string, type: 'A' | 'AAAA'): Promise<string[]>
  (name: string, type: string): Promise<unknown[]>
}

export function dnsLookup(servers: string[]): DnsLookup {
  // A few seconds per question: the doctor answers in seconds, or says that DNS did not.
  const resolver = new dns.Resolver({ timeout: 2_500, tries: 2 })
  if (servers.length > 0) resolver.setServers(servers)
  return ((name: string, type: string) => resolver.resolve(name, type)) as DnsLookup
}

/** "No such record" as opposed to "DNS did not answer": the first is a verdict, the second a trouble. */
export function isNoRecord(error: unknown): boolean {
  const code = (error as { code?: string }).code
  return code === 'ENOTFOUND' || code === 'ENODATA'
}

/** The TXT records of a name that begin with `prefix` (joined as DNS splits long ones); none when there is no record. */
export async function txtRecords(lookup: DnsLookup, name: string, prefix: RegExp): Promise<string[]> {
  try {
    return (await lookup(name, 'TXT')).map((parts) => parts.join('')).filter((record) => prefix.test(record))
  } catch (error) {
    if (isNoRecord(error)) return []
    throw error
  }
}
