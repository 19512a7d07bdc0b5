import { describe, expect, it } from 'vitest'

import { classifySendError } from '@/src/services/platform/smtpErrors'

/** What an SMTP error means for one reader of the digest: retry, fail, or count a bounce. */

describe('what an SMTP error means for one reader', () => {
  it('counts a 5xx to RCPT TO as a bounce of that address', () => {
    const error = Object.assign(
      new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <jane@example.org> unknown"),
      {
        responseCode: 550,
        command: 'RCPT TO',
        response: '550 5.1.1 <jane@example.org>: Recipient address rejected',
      },
    )
    expect(classifySendError(error)).toEqual({
      kind: 'bounce',
      error: '550 5.1.1 <[address]>: Recipient address rejected',
    })
  })

  it('fails a message refused after DATA without blaming the address', () => {
    expect(
      classifySendError({ responseCode: 554, command: 'DATA', response: '554 5.7.1 Message rejected as spam' }).kind,
    ).toBe('rejected')
  })

  it('retries 4xx answers, lost connections and our own configuration problems (5xx to MAIL FROM or AUTH)', () => {
    expect(
      classifySendError({ responseCode: 451, command: 'RCPT TO', response: '451 4.3.0 Try again later' }).kind,
    ).toBe('transient')
    expect(classifySendError({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }).kind).toBe('transient')
    expect(
      classifySendError({ responseCode: 553, command: 'MAIL FROM', response: '553 sender not allowed' }).kind,
    ).toBe('transient')
    expect(classifySendError({ responseCode: 535, command: 'AUTH PLAIN', response: '535 bad credentials' }).kind).toBe(
      'transient',
    )
    expect(classifySendError(undefined).kind).toBe('transient')
  })
})
