import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startDnsServer, txt, type DnsServer, type Zone } from '../helpers/dnsServer'

/**
 * The sender checks read a real DNS server (on loopback, authoritative for the test's zone)
 * through node:dns, sign a real digest message with nodemailer's DKIM signer and verify it
 * with an independent verifier (mailauth): a good zone passes, each broken one fails or
 * warns on exactly its fault, and the fix printed for a wrong DKIM record, once published, passes.
 */

process.env.PUBLIC_URL = 'https://mindful.test'
process.env.MAIL_FROM = 'Mindful Moments <moments@mindful.test>'

type Checks = typeof import('@/src/services/deliverability/senderChecks')
let checks: Checks
let lookupOf: typeof import('@/src/services/deliverability/dns').dnsLookup
let dns: DnsServer

const rsaKey = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
const ourKey = rsaKey()
const someoneElsesKey = rsaKey()
const dkimRecord = (publicKey: Buffer) => txt(`v=DKIM1; k=rsa; p=${publicKey.toString('base64')}`)

const GOOD_ZONE: Zone = {
  'mindful.test': {
    TXT: [['v=spf1 ip4:203.0.113.25 -all'], ['google-site-verification=abc']],
    MX: [{ exchange: 'mx.mindful.test', priority: 10 }],
  },
  'smtp.mindful.test': { A: ['203.0.113.25'] },
  'mail._domainkey.mindful.test': { TXT: [dkimRecord(ourKey.publicKey)] },
  '_dmarc.mindful.test': { TXT: [['v=DMARC1; p=quarantine; rua=mailto:dmarc@mindful.test']] },
}

const setup = (changes: Partial<import('@/src/services/deliverability/senderChecks').SenderSetup> = {}) => ({
  from: { name: 'Mindful Moments', address: 'moments@mindful.test' },
  envelopeFrom: 'moments@mindful.test',
  dkim: { domainName: 'mindful.test', keySelector: 'mail', privateKey: ourKey.privateKey },
  smtpUrls: ['smtp://smtp.mindful.test:587'],
  publicUrl: 'https://mindful.test',
  postalAddress: '1 Quiet Street, Calm City',
  ...changes,
})

async function verdicts(zone: Zone, changes: Parameters<typeof setup>[0] = {}) {
  dns.serve(zone)
  const results = await checks.checkSender(setup(changes), lookupOf([dns.address]))
  return Object.fromEntries(results.map((result) => [result.check, result]))
}

beforeAll(async () => {
  checks = await import('@/src/services/deliverability/senderChecks')
  lookupOf = (await import('@/src/services/deliverability/dns')).dnsLookup
  dns = await startDnsServer(GOOD_ZONE)
})

afterAll(() => dns?.close())

describe('the sender checks against a loopback DNS server', () => {
  it('pass every check for a good zone, with a 2048-bit DKIM key', async () => {
    const results = await verdicts(GOOD_ZONE)
    expect(Object.values(results).map((result) => `${result.verdict} ${result.check}`)).toEqual([
      'pass SPF',
      'pass SPF covers smtp.mindful.test',
      'pass DKIM',
      'pass DMARC',
      'pass DMARC alignment (DKIM)',
      'pass DMARC alignment (envelope sender)',
      'pass MX (From and bounce domain)',
      'pass PUBLIC_URL',
      'pass one-click unsubscribe',
      'pass postal address',
    ])
    expect(results.SPF.detail).toContain('v=spf1 ip4:203.0.113.25 -all')
    expect(results.DMARC.detail).toContain('policy quarantine')
    expect(checks.failingChecks(Object.values(results))).toEqual([])
  })

  it('fail a domain with no SPF, DMARC or MX record, and say what to publish', async () => {
    const results = await verdicts({
      'smtp.mindful.test': GOOD_ZONE['smtp.mindful.test'],
      'mail._domainkey.mindful.test': GOOD_ZONE['mail._domainkey.mindful.test'],
    })
    expect(results.SPF).toMatchObject({ verdict: 'fail', detail: 'mindful.test publishes no SPF record' })
    expect(results.DMARC).toMatchObject({ verdict: 'fail', detail: 'mindful.test publishes no DMARC record' })
    expect(results.DMARC.fix).toContain('_dmarc.mindful.test')
    expect(results['MX (From and bounce domain)'].verdict).toBe('fail')
    // DKIM does not depend on the others: the key is still published and right.
    expect(results.DKIM.verdict).toBe('pass')
  })

  it('fail two SPF records, and warn on "+all" and on an SMTP host SPF does not cover', async () => {
    const twoRecords = await verdicts({
      ...GOOD_ZONE,
      'mindful.test': { ...GOOD_ZONE['mindful.test'], TXT: [['v=spf1 -all'], ['v=spf1 include:other.test -all']] },
    })
    expect(twoRecords.SPF.verdict).toBe('fail')
    expect(twoRecords.SPF.detail).toContain('2 SPF records')

    const open = await verdicts({
      ...GOOD_ZONE,
      'mindful.test': { ...GOOD_ZONE['mindful.test'], TXT: [['v=spf1 +all']] },
    })
    expect(open.SPF.verdict).toBe('warn')

    const elsewhere = await verdicts({ ...GOOD_ZONE, 'smtp.mindful.test': { A: ['198.51.100.7'] } })
    expect(elsewhere['SPF covers smtp.mindful.test']).toMatchObject({ verdict: 'warn' })
    expect(elsewhere['SPF covers smtp.mindful.test'].detail).toContain('198.51.100.7 (fail)')
  })

  it('fail a DKIM record of another key, print the right one, and pass once it is published', async () => {
    const wrong = await verdicts({
      ...GOOD_ZONE,
      'mail._domainkey.mindful.test': { TXT: [dkimRecord(someoneElsesKey.publicKey)] },
    })
    expect(wrong.DKIM.verdict).toBe('fail')
    const published = /TXT "(.+)"$/.exec(wrong.DKIM.fix!)![1]
    expect(published).toBe(dkimRecord(ourKey.publicKey).join(''))

    const fixed = await verdicts({ ...GOOD_ZONE, 'mail._domainkey.mindful.test': { TXT: [txt(published)] } })
    expect(fixed.DKIM.verdict).toBe('pass')
  })

  it('fail when messages are not signed, or signed for a domain not aligned with From', async () => {
    const unsigned = await verdicts(GOOD_ZONE, { dkim: undefined })
    expect(unsigned.DKIM).toMatchObject({ verdict: 'fail', detail: 'messages are not signed' })

    const otherDomain = await verdicts(
      { ...GOOD_ZONE, 'mail._domainkey.other.test': { TXT: [dkimRecord(ourKey.publicKey)] } },
      { dkim: { domainName: 'other.test', keySelector: 'mail', privateKey: ourKey.privateKey } },
    )
    expect(otherDomain.DKIM.verdict).toBe('pass')
    expect(otherDomain['DMARC alignment (DKIM)'].verdict).toBe('fail')
    expect(otherDomain['DMARC alignment (DKIM)'].detail).toContain('d=other.test')
  })

  it('find the organizational DMARC record for a subdomain sender, and hold strict alignment to it', async () => {
    const zone: Zone = {
      ...GOOD_ZONE,
      'news.mindful.test': {
        TXT: [['v=spf1 ip4:203.0.113.25 -all']],
        MX: [{ exchange: 'mx.mindful.test', priority: 10 }],
      },
    }
    const subdomain = {
      from: { name: 'Mindful Moments', address: 'moments@news.mindful.test' },
      envelopeFrom: 'moments@news.mindful.test',
    }
    const relaxed = await verdicts(zone, subdomain)
    expect(relaxed.DMARC).toMatchObject({ verdict: 'pass' })
    expect(relaxed.DMARC.detail).toContain('_dmarc.mindful.test')
    expect(relaxed['DMARC alignment (DKIM)'].verdict).toBe('pass')

    const strict = await verdicts(
      { ...zone, '_dmarc.mindful.test': { TXT: [['v=DMARC1; p=reject; adkim=s']] } },
      subdomain,
    )
    expect(strict['DMARC alignment (DKIM)'].verdict).toBe('fail')
    expect(strict['DMARC alignment (DKIM)'].detail).toContain('strict')
  })

  it('warn on a plain-http PUBLIC_URL and fail a footer without a postal address', async () => {
    const results = await verdicts(GOOD_ZONE, { publicUrl: 'http://mindful.test', postalAddress: ' ' })
    expect(results.PUBLIC_URL.verdict).toBe('warn')
    expect(results['postal address'].verdict).toBe('fail')
  })

  it('fail, not pass, every DNS check when DNS does not answer', async () => {
    const silent = await startDnsServer({})
    await silent.close()
    const results = await checks.checkSender(setup(), lookupOf([silent.address]))
    for (const name of ['SPF', 'DKIM', 'DMARC', 'MX']) {
      expect(results.find((result) => result.check === name)).toMatchObject({ verdict: 'fail' })
      expect(results.find((result) => result.check === name)!.detail).toMatch(/could not be checked|temporary/)
    }
  }, 60_000)

  it('print one line per check starting with its verdict, the fix indented below', async () => {
    dns.serve({ ...GOOD_ZONE, '_dmarc.mindful.test': {} })
    const report = checks.formatResults(await checks.checkSender(setup(), lookupOf([dns.address])))
    const lines = report.split('\n')
    expect(lines.filter((line) => /^(pass|warn|fail) /.test(line))).toHaveLength(10)
    expect(lines.every((line) => /^(pass|warn|fail) {2}\S|^ {6}fix: /.test(line))).toBe(true)
    expect(report).toMatch(/^fail  DMARC: .*\n {6}fix: Add a TXT record at _dmarc\.mindful\.test/m)
  })
})
