/** mailauth ships no types for its DMARC record reader; this is the part the sender checks use. */
declare module 'mailauth/lib/dmarc/get-dmarc-record.js' {
  type DmarcRecord = {
    /** The record as published. */
    rr: string
    /** True when the record came from the organizational domain, not the From domain itself. */
    isOrgRecord: boolean
    p?: string
    sp?: string
    adkim?: string
    aspf?: string
  }
  export default function getDmarcRecord(
    domain: string,
    resolver?: (name: string, type: string) => Promise<unknown>,
  ): Promise<DmarcRecord | false>
}
