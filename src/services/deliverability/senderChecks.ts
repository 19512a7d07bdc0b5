import { createPublicKey } from 'node:crypto'
import { isIP } from 'node:net'
import { dkimVerify } from 'mailauth/lib/dkim/verify.js'
import { spf } from 'mailauth/lib/spf/index.js'
import getDmarcRecord from 'mailauth/lib/dmarc/get-dmarc-record.js'
import nodemailer from 'nodemailer'
import { getDomain } from 'tldts'

import { newPlaceholderKey, personalize, readerPlaceholders } from '../digest/message'
import { composeEditionTemplate } from '../digest/templates'
import { MINDFUL_MOMENTS_DEFAULTS } from '../newsletter/newsletters'
import { isNoRecord, txtRecords, type DnsLookup } from './dns'

/**
 * What a mailbox provider checks before it accepts a bulk message, read from our side before
 * the first send: Gmail and Yahoo (since February 2024) and Outlook.com (since May 2025) want
 * SPF and DKIM, DMARC aligned with the From domain, one-click unsubscribe, and the law a
 * postal address. Each check says pass, warn or fail, and how to fix what is not right.
 */

export type Verdict = 'pass' | 'warn' | 'fail'
export type CheckResult = { verdict: Verdict; check: string; detail: string; fix?: string }

export type SenderSetup = {
  from: { name: string; address: string }
  /** The envelope sender (MAIL FROM): where bounces go, and what SPF judges. */
  envelopeFrom: string
  dkim: { domainName: string; keySelector: string; privateKey: string } | undefined
  /** The SMTP routes, in order; none means the .eml outbox. */
  smtpUrls: string[]
  publicUrl: string
  postalAddress: string | null | undefined
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase()
/** The registrable domain ("organizational domain" in DMARC): what relaxed alignment compares. */
const organizational = (domain: string) => getDomain(domain, { allowPrivateDomains: true }) ?? domain

const result = (verdict: Verdict, check: string, detail: string, fix?: string): CheckResult => ({
  verdict,
  check,
  detail,
  ...(fix ? { fix } : {}),
})

/** A check whose DNS did not answer fails with what went wrong, rather than passing by default. */
async function guarded(check: string, run: () => Promise<CheckResult[]>): Promise<CheckResult[]> {
  try {
    return await run()
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string }
    return [
      result(
        'fail',
        check,
        `could not be checked: ${code ?? message ?? String(error)}`,
        'Check that DNS answers here.',
      ),
    ]
  }
}

async function spfRecord(lookup: DnsLookup, setup: SenderSetup): Promise<CheckResult[]> {
  const domain = domainOf(setup.envelopeFrom)
  const records = await txtRecords(lookup, domain, /^v=spf1(\s|$)/i)
  if (records.length === 0)
    return [
      result(
        'fail',
        'SPF',
        `${domain} publishes no SPF record`,
        `Add a TXT record to ${domain}: "v=spf1 include:<your mail provider's SPF domain> ~all" (your provider names it).`,
      ),
    ]
  if (records.length > 1)
    return [
      result(
        'fail',
        'SPF',
        `${domain} publishes ${records.length} SPF records; receivers treat that as an error`,
        'Merge them into one TXT record beginning "v=spf1".',
      ),
    ]
  if (/(^|\s)\+?all(\s|$)/i.test(records[0]))
    return [
      result(
        'warn',
        'SPF',
        `${domain}: "${records[0]}" lets any server on the internet send as you`,
        'End the record with "~all" or "-all" instead of "+all".',
      ),
    ]
  return [result('pass', 'SPF', `${domain}: "${records[0]}"`)]
}

/** Whether SPF lets the SMTP hosts we know of send for the envelope domain (when they are the ones that send). */
async function spfCoverage(lookup: DnsLookup, setup: SenderSetup): Promise<CheckResult[]> {
  if (setup.smtpUrls.length === 0)
    return [
      result('warn', 'SPF covers the SMTP route', 'no SMTP route is set (SMTP_URL): mail goes to the .eml outbox'),
    ]
  const checks: CheckResult[] = []
  for (const url of setup.smtpUrls) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
    const addresses = isIP(host) ? [host] : await hostAddresses(lookup, host)
    const label = `SPF covers ${host}`
    const own = addresses.filter((address) => !isPrivate(address))
    if (own.length === 0) {
      checks.push(
        result(
          'warn',
          label,
          addresses.length === 0
            ? `${host} does not resolve here, so which addresses it sends from is not known`
            : `${host} is a private address; the address it sends to the internet from is not known here`,
          'Make sure the SPF record covers the server that finally hands the mail to the internet.',
        ),
      )
      continue
    }
    const refused: string[] = []
    for (const ip of own) {
      const verdict = await spf({
        sender: setup.envelopeFrom,
        ip,
        helo: host,
        mta: 'mindful-press-doctor',
        resolver: lookup as never,
      })
      if (verdict.status.result !== 'pass') refused.push(`${ip} (${verdict.status.result})`)
    }
    checks.push(
      refused.length === 0
        ? result('pass', label, `SPF of ${domainOf(setup.envelopeFrom)} lets ${own.join(', ')} send`)
        : result(
            'warn',
            label,
            `SPF of ${domainOf(setup.envelopeFrom)} does not let ${refused.join(', ')} send`,
            `If ${host} sends from these addresses itself, add "ip4:…"/"ip6:…" or your provider's "include:" to the SPF record.`,
          ),
    )
  }
  return checks
}

async function hostAddresses(lookup: DnsLookup, host: string): Promise<string[]> {
  const answers = await Promise.all(
    (['A', 'AAAA'] as const).map((type) =>
      lookup(host, type).catch((error: unknown) => {
        if (isNoRecord(error)) return [] as string[]
        throw error
      }),
    ),
  )
  return answers.flat()
}

function isPrivate(ip: string): boolean {
  return /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|::1$|f[cd][0-9a-f]{2}:|fe80:)/i.test(ip)
}

/** What to publish for our key: the selector's TXT record holding the public half. */
function dkimRecordFor(dkim: NonNullable<SenderSetup['dkim']>): string {
  const publicKey = createPublicKey(dkim.privateKey).export({ type: 'spki', format: 'der' }).toString('base64')
  return `${dkim.keySelector}._domainkey.${dkim.domainName} TXT "v=DKIM1; k=rsa; p=${publicKey}"`
}

/**
 * Signs a real digest message with our key, exactly as the transport does, and verifies it
 * against the published record: the key matches only if a receiver would say "pass".
 */
async function dkimSignature(lookup: DnsLookup, setup: SenderSetup, sample: Buffer): Promise<CheckResult[]> {
  const { dkim } = setup
  if (!dkim)
    return [
      result(
        'fail',
        'DKIM',
        'messages are not signed',
        'Set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY, and publish the public half as the selector’s TXT record.',
      ),
    ]
  const signed = await signedSample(setup, sample)
  const [signature] = (await dkimVerify(signed, { resolver: lookup as never })).results
  const verdict = signature?.status.result ?? 'none'
  const name = `${dkim.keySelector}._domainkey.${dkim.domainName}`
  if (verdict === 'pass')
    return [result('pass', 'DKIM', `${name} holds the public half of our key; a signed message verifies`)]
  if (verdict === 'temperror') throw new Error(signature?.status.comment ?? 'a temporary DNS error')
  return [
    result(
      'fail',
      'DKIM',
      `a message signed with our key does not verify against ${name} (${verdict}${signature?.status.comment ? `: ${signature.status.comment}` : ''})`,
      `Publish: ${dkimRecordFor(dkim)}`,
    ),
  ]
}

async function dmarcRecord(lookup: DnsLookup, setup: SenderSetup): Promise<CheckResult[]> {
  const fromDomain = domainOf(setup.from.address)
  const record = await getDmarcRecord(fromDomain, lookup as never)
  if (!record)
    return [
      result(
        'fail',
        'DMARC',
        organizational(fromDomain) === fromDomain
          ? `${fromDomain} publishes no DMARC record`
          : `neither ${fromDomain} nor ${organizational(fromDomain)} publishes a DMARC record`,
        `Add a TXT record at _dmarc.${organizational(fromDomain)}: "v=DMARC1; p=none; rua=mailto:dmarc@${organizational(fromDomain)}" (tighten p= once the reports are clean).`,
      ),
      // Alignment as DMARC's defaults (relaxed) will judge it once the record exists.
      ...dmarcAlignment({}, setup),
    ]
  const policy = String((record.isOrgRecord && record.sp) || record.p || '').toLowerCase()
  if (!['none', 'quarantine', 'reject'].includes(policy))
    return [
      result(
        'fail',
        'DMARC',
        `"${record.rr}" has no valid policy (p=)`,
        'Give the record p=none, quarantine or reject.',
      ),
    ]
  const where = record.isOrgRecord ? `_dmarc.${organizational(fromDomain)}` : `_dmarc.${fromDomain}`
  return [
    result(
      'pass',
      'DMARC',
      `${where}: policy ${policy}${policy === 'none' ? ' (reports only; receivers still need it to pass)' : ''}`,
    ),
    ...dmarcAlignment(record, setup),
  ]
}

/** DMARC passes only through an identifier that matches the From domain: DKIM's d= or the envelope sender. */
function dmarcAlignment(record: { adkim?: string; aspf?: string }, setup: SenderSetup): CheckResult[] {
  const fromDomain = domainOf(setup.from.address)
  const aligned = (domain: string, mode: string | undefined) =>
    String(mode).toLowerCase() === 's' ? domain === fromDomain : organizational(domain) === organizational(fromDomain)
  const checks: CheckResult[] = []
  if (setup.dkim) {
    const signing = setup.dkim.domainName.toLowerCase()
    checks.push(
      aligned(signing, record.adkim)
        ? result('pass', 'DMARC alignment (DKIM)', `DKIM signs as d=${signing}, aligned with From ${fromDomain}`)
        : result(
            'fail',
            'DMARC alignment (DKIM)',
            `DKIM signs as d=${signing}, which is not aligned with From ${fromDomain}${String(record.adkim).toLowerCase() === 's' ? ' (adkim=s: strict)' : ''}`,
            `Sign as ${fromDomain} (DKIM_DOMAIN), or send from an address at ${signing}.`,
          ),
    )
  }
  const envelope = domainOf(setup.envelopeFrom)
  checks.push(
    aligned(envelope, record.aspf)
      ? result(
          'pass',
          'DMARC alignment (envelope sender)',
          `bounces go to ${envelope}, aligned with From ${fromDomain}`,
        )
      : result(
          'warn',
          'DMARC alignment (envelope sender)',
          `bounces go to ${envelope}, not aligned with From ${fromDomain}: only DKIM can carry DMARC`,
          `Use an envelope sender at ${fromDomain} (your provider's "custom MAIL FROM").`,
        ),
  )
  return checks
}

async function mxRecords(lookup: DnsLookup, setup: SenderSetup): Promise<CheckResult[]> {
  const domains = [...new Set([domainOf(setup.from.address), domainOf(setup.envelopeFrom)])]
  const checks: CheckResult[] = []
  for (const domain of domains) {
    const role = domain === domainOf(setup.from.address) ? 'From' : 'bounce'
    const label = domains.length === 1 ? 'MX (From and bounce domain)' : `MX (${role} domain)`
    const exchanges = await lookup(domain, 'MX').catch((error: unknown) => {
      if (isNoRecord(error)) return []
      throw error
    })
    const usable = exchanges.filter((mx) => mx.exchange && mx.exchange !== '.')
    checks.push(
      usable.length > 0
        ? result('pass', label, `${domain} receives mail at ${usable.map((mx) => mx.exchange).join(', ')}`)
        : result(
            'fail',
            label,
            `${domain} has no MX record: replies and bounces have nowhere to go, and some receivers refuse such senders`,
            `Add an MX record to ${domain} for the mailbox that reads replies and bounces.`,
          ),
    )
  }
  return checks
}

function publicUrl(setup: SenderSetup): CheckResult[] {
  return setup.publicUrl.startsWith('https://')
    ? [result('pass', 'PUBLIC_URL', `${setup.publicUrl} is https`)]
    : [
        result(
          'warn',
          'PUBLIC_URL',
          `${setup.publicUrl} is not https: unsubscribe links and one-click unsubscribe go over plain http`,
          'Serve the site over https and set PUBLIC_URL to the https address.',
        ),
      ]
}

/** A bulk message as the digest composes it, with a made-up reader's values. */
async function sampleMessage(setup: SenderSetup): Promise<Buffer> {
  const placeholders = readerPlaceholders(newPlaceholderKey())
  const body = `Dear ${placeholders.name}, a message composed by the sender checks.`
  const template = await composeEditionTemplate(
    { subject: 'Sender check', html: `<p>${body}</p>`, text: body },
    setup.from,
    placeholders,
    MINDFUL_MOMENTS_DEFAULTS,
  )
  return personalize(template, {
    token: 'sender-check',
    address: `reader@${domainOf(setup.from.address)}`,
    messageId: 'sender-check',
    name: 'there',
  })
}

/** The sample signed by nodemailer's own DKIM signer, with the key and options the transport uses. */
async function signedSample(setup: SenderSetup, sample: Buffer): Promise<Buffer> {
  const signer = nodemailer.createTransport({ streamTransport: true, buffer: true, dkim: setup.dkim } as never)
  const info = (await signer.sendMail({
    envelope: { from: setup.envelopeFrom, to: [`reader@${domainOf(setup.from.address)}`] },
    raw: sample,
  })) as unknown as { message: Buffer }
  return info.message
}

function unsubscribeHeaders(sample: Buffer): CheckResult[] {
  const raw = sample.toString('latin1')
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ')
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim()
  const link = header('List-Unsubscribe')
  const post = header('List-Unsubscribe-Post')
  const https = /<https:\/\//i.test(link ?? '')
  if (link && post === 'List-Unsubscribe=One-Click' && https)
    return [
      result(
        'pass',
        'one-click unsubscribe',
        'every bulk message carries List-Unsubscribe (https) and List-Unsubscribe-Post',
      ),
    ]
  if (link && post && !https)
    return [
      result(
        'warn',
        'one-click unsubscribe',
        'List-Unsubscribe is not an https link, which Gmail and Yahoo want for one-click unsubscribe',
        'Serve the site over https (PUBLIC_URL).',
      ),
    ]
  return [result('fail', 'one-click unsubscribe', 'bulk messages lack List-Unsubscribe or List-Unsubscribe-Post')]
}

function postalAddress(setup: SenderSetup): CheckResult[] {
  return setup.postalAddress?.trim()
    ? [result('pass', 'postal address', `every footer shows "${setup.postalAddress.trim().replace(/\s+/g, ' ')}"`)]
    : [
        result(
          'fail',
          'postal address',
          'the email footer has no postal address, which CAN-SPAM and similar laws require of bulk mail',
          'Fill in Settings → Postal address in the admin.',
        ),
      ]
}

/** Every check, in the order a person fixes them: DNS first, then the messages themselves. */
export async function checkSender(setup: SenderSetup, lookup: DnsLookup): Promise<CheckResult[]> {
  // One bulk message, composed as the digest composes it: signed for DKIM, read for its headers.
  const sample = await sampleMessage(setup)
  const groups = await Promise.all([
    guarded('SPF', () => spfRecord(lookup, setup)),
    guarded('SPF covers the SMTP route', () => spfCoverage(lookup, setup)),
    guarded('DKIM', () => dkimSignature(lookup, setup, sample)),
    guarded('DMARC', () => dmarcRecord(lookup, setup)),
    guarded('MX', () => mxRecords(lookup, setup)),
    Promise.resolve(publicUrl(setup)),
    Promise.resolve(unsubscribeHeaders(sample)),
    Promise.resolve(postalAddress(setup)),
  ])
  return groups.flat()
}

/** The checks that fail: what holds a large edition back and what `npm run doctor` exits 1 for. */
export const failingChecks = (results: CheckResult[]) => results.filter((check) => check.verdict === 'fail')

/** One line per check, as `npm run doctor` prints it: the verdict first, then the fix on the next line. */
export function formatResults(results: CheckResult[]): string {
  return results
    .map(
      (check) =>
        `${check.verdict.padEnd(4)}  ${check.check}: ${check.detail}${check.fix ? `\n      fix: ${check.fix}` : ''}`,
    )
    .join('\n')
}
