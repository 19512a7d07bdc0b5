import dns2 from 'dns2'

import { freePort } from './ports'

const { Packet } = dns2

/** The records of one name: what a zone file would hold for it. */
export type ZoneEntry = {
  A?: string[]
  MX?: Array<{ exchange: string; priority: number }>
  /** Each record as its strings (DNS splits long TXT records into 255-byte pieces). */
  TXT?: string[][]
}
export type Zone = Record<string, ZoneEntry>

export type DnsServer = {
  /** `127.0.0.1:port`, as DNS_SERVERS takes it. */
  address: string
  /** Serves another zone from now on (the same server, a broken or a fixed DNS). */
  serve: (zone: Zone) => void
  close: () => Promise<void>
}

/** A TXT value split as DNS stores it: pieces of at most 255 bytes. */
export function txt(value: string): string[] {
  const pieces: string[] = []
  for (let at = 0; at < value.length; at += 255) pieces.push(value.slice(at, at + 255))
  return pieces
}

/**
 * An authoritative DNS server on loopback (UDP and TCP on one port, for answers longer than
 * a datagram, such as a 2048-bit DKIM key), answering from a zone the test sets: a missing
 * name is NXDOMAIN, a name without the asked type an empty answer, as real DNS does.
 */
export async function startDnsServer(zone: Zone): Promise<DnsServer> {
  let current = normalize(zone)
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request)
      response.header.aa = 1
      const [question] = request.questions
      const entry = question ? current[question.name.toLowerCase()] : undefined
      if (!question || !entry) {
        response.header.rcode = Packet.RCODE.NXDOMAIN
        return send(response)
      }
      // dns2 encodes plain records (as its README shows); its types ask for its Resource class.
      const answer = (type: number, record: object) =>
        response.answers.push({
          name: question.name,
          class: Packet.CLASS.IN,
          ttl: 60,
          type,
          ...record,
        } as unknown as (typeof response.answers)[number])
      if (question.type === Packet.TYPE.A) for (const address of entry.A ?? []) answer(Packet.TYPE.A, { address })
      if (question.type === Packet.TYPE.MX) for (const mx of entry.MX ?? []) answer(Packet.TYPE.MX, mx)
      if (question.type === Packet.TYPE.TXT) for (const data of entry.TXT ?? []) answer(Packet.TYPE.TXT, { data })
      send(response)
    },
  })
  const port = await freePort()
  await server.listen({ udp: { port, address: '127.0.0.1' }, tcp: { port, address: '127.0.0.1' } })
  return {
    address: `127.0.0.1:${port}`,
    serve: (next) => (current = normalize(next)),
    close: () => server.close(),
  }
}

function normalize(zone: Zone): Zone {
  return Object.fromEntries(Object.entries(zone).map(([name, entry]) => [name.toLowerCase(), entry]))
}
