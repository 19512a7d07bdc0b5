/**
 * What an SMTP error means for one reader's message. A refusal of the recipient (5xx to
 * RCPT TO) is that address's fault: the delivery fails and counts as a bounce. A 5xx to
 * the message itself (after DATA) fails that delivery without blaming the address. A 5xx
 * to anything else (MAIL FROM, AUTH) is our configuration, which would fail every reader
 * alike, so it is treated as passing trouble and retried, like 4xx and lost connections.
 */
export type SendFailure = { kind: 'bounce' | 'rejected' | 'transient'; error: string }

type SmtpError = { responseCode?: number; command?: string; code?: string; message?: string; response?: string }

/** Short, and without any address: it is stored and may be logged. */
function describe(error: SmtpError): string {
  const text = (error.response || error.message || error.code || 'unknown error').replace(
    /[^\s<>]+@[^\s<>]+/g,
    '[address]',
  )
  return text.slice(0, 300)
}

export function classifySendError(thrown: unknown): SendFailure {
  const error = (thrown ?? {}) as SmtpError
  const code = error.responseCode
  const permanent = typeof code === 'number' && code >= 500 && code < 600
  const command = (error.command ?? '').toUpperCase()
  if (permanent && command.startsWith('RCPT')) return { kind: 'bounce', error: describe(error) }
  if (permanent && (command.startsWith('DATA') || command === '' || command.startsWith('.'))) {
    return { kind: 'rejected', error: describe(error) }
  }
  return { kind: 'transient', error: describe(error) }
}
