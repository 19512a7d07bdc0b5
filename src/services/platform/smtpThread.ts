import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { SendMailOptions } from 'nodemailer'

import { logger } from './logger'

/**
 * A pooled nodemailer SMTP transport that runs in a thread of its own. The digest's worker
 * does its bookkeeping (batches, leases, readers, Redis progress) on the main thread; the
 * SMTP work of a large send — walking every byte of every message for dot-stuffing, the
 * socket writes, the garbage of a 60 KB message each time — then runs beside it, on a small
 * heap of its own, instead of taking turns with it (BENCHMARKS.md, issue 21). Each message's
 * bytes are handed over, not copied: a message is one buffer, moved to the thread.
 */

/**
 * What a route needs of its transport: MailRoutes calls nothing else. A transport may take a
 * raw message's buffer (this one moves it to its thread): a caller that sends the same
 * message again passes a copy.
 */
export type MailTransport = {
  sendMail(options: SendMailOptions): Promise<{ messageId: string }>
  close(): void
}

/** The SMTP error's fields that say what went wrong (see smtpErrors.ts); a thread hands back plain data. */
const ERROR_FIELDS = ['code', 'responseCode', 'response', 'command'] as const

// CommonJS, evaluated by the thread: nodemailer comes from the path the main thread resolved.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const nodemailer = require(workerData.nodemailer)
const transport = nodemailer.createTransport(workerData.options)
const fields = ${JSON.stringify(ERROR_FIELDS)}
parentPort.on('message', (message) => {
  if (message === 'close') {
    transport.close()
    return parentPort.close()
  }
  const { id, options } = message
  if (options.raw instanceof Uint8Array) options.raw = Buffer.from(options.raw.buffer, options.raw.byteOffset, options.raw.byteLength)
  transport.sendMail(options).then(
    (info) => parentPort.postMessage({ id, messageId: info.messageId }),
    (error) => {
      const plain = { message: String(error && error.message) }
      for (const field of fields) if (error && error[field] !== undefined) plain[field] = error[field]
      parentPort.postMessage({ id, error: plain })
    },
  )
})
`

type Reply = { id: number; messageId?: string; error?: Record<string, unknown> & { message: string } }

/**
 * `options` are nodemailer's transport options (plain data: url, pool, maxConnections, dkim).
 * A thread that stops (it should not: an error in it is a bug, or its heap ran out) fails the
 * messages it held, as a lost connection would (they are retried), and the next message
 * starts a new one.
 */
export function threadedTransport(options: Record<string, unknown>): MailTransport {
  const waiting = new Map<number, { resolve: (info: { messageId: string }) => void; reject: (error: Error) => void }>()
  let nextId = 0
  let thread: Worker | undefined
  let closing = false

  const start = (): Worker => {
    const started = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { nodemailer: createRequire(import.meta.url).resolve('nodemailer'), options },
      // Its heap holds only the messages in flight.
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 12 },
    })
    // The process may end while the thread keeps its connections open.
    started.unref()
    started.on('message', ({ id, messageId, error }: Reply) => {
      const waiter = waiting.get(id)
      waiting.delete(id)
      if (!waiter) return
      if (error) waiter.reject(Object.assign(new Error(error.message), error))
      else waiter.resolve({ messageId: messageId ?? '' })
    })
    started.on('error', (error) => logger.error({ err: error.message }, 'the SMTP thread failed'))
    started.once('exit', () => {
      if (thread === started) thread = undefined
      const stopped = new Error('the SMTP thread stopped')
      for (const { reject } of waiting.values()) reject(stopped)
      waiting.clear()
    })
    return started
  }

  return {
    sendMail(mail) {
      return new Promise((resolve, reject) => {
        if (closing) return reject(new Error('the SMTP routes are closed'))
        thread ??= start()
        const id = nextId++
        waiting.set(id, { resolve, reject })
        const raw = mail.raw
        // A buffer of its own is moved to the thread; a slice of a shared one is copied.
        const movable = Buffer.isBuffer(raw) && raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength
        try {
          thread.postMessage({ id, options: mail }, movable ? [raw.buffer as ArrayBuffer] : [])
        } catch (error) {
          waiting.delete(id)
          reject(error as Error)
        }
      })
    },
    close() {
      closing = true
      // Connections end politely (QUIT); the thread then has nothing left and exits.
      thread?.postMessage('close')
    },
  }
}
