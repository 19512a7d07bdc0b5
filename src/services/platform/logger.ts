import pino, { type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'

/**
 * The one logger of the product (Payload logs through it too). Readers' addresses must
 * never reach a log line: known fields are redacted by path, and anything that still looks
 * like an address inside a message or an error is masked before it is written.
 */

const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g

export function maskAddresses(text: string): string {
  return text.replace(ADDRESS, '[address]')
}

function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return maskAddresses(value)
  if (value instanceof Error) {
    value.message = maskAddresses(value.message)
    if (value.stack) value.stack = maskAddresses(value.stack)
    return value
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    for (const key of ['err', 'error', 'msg', 'message']) {
      if (key in record) record[key] = maskValue(record[key])
    }
  }
  return value
}

const REDACT = [
  'email',
  '*.email',
  '*.*.email',
  'to',
  '*.to',
  'from',
  '*.from',
  'address',
  '*.address',
  'password',
  '*.password',
  'token',
  '*.token',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
]

/** Readable lines in development, JSON (for log collectors) in production or with LOG_FORMAT=json. */
function wantsJson(): boolean {
  return (process.env.LOG_FORMAT ?? (process.env.NODE_ENV === 'production' ? 'json' : 'pretty')) === 'json'
}

type LoggerOptions = { name?: string; level?: string; destination?: DestinationStream }

/** LOG_DESTINATION=stderr keeps stdout for a command's own output (`npm run digest -- --preview`). */
function defaultDestination(): DestinationStream | undefined {
  const fd = process.env.LOG_DESTINATION === 'stderr' ? 2 : 1
  if (wantsJson()) return fd === 2 ? pino.destination({ dest: 2, sync: true }) : undefined
  return pretty({ sync: true, ignore: 'pid,hostname', destination: fd })
}

export function createLogger({
  name = 'mindful-press',
  level = process.env.LOG_LEVEL ?? 'info',
  destination = defaultDestination(),
}: LoggerOptions = {}): Logger {
  return pino(
    {
      name,
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(maskValue) as Parameters<typeof method>)
        },
      },
    },
    destination,
  )
}

export const logger = createLogger()
