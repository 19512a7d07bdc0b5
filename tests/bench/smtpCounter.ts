import { SMTPServer } from 'smtp-server'

/**
 * The benchmark's SMTP server, in a process of its own: it accepts every message, keeps
 * nothing, and counts. It prints its port, then answers "count" and "reset" on stdin.
 */

let messages = 0
let bytes = 0
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  maxClients: 1_000,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length))
    stream.on('end', () => {
      messages++
      callback()
    })
  },
})

// A client that resets its socket mid-message is reported as an 'error' event; counting goes on.
server.on('error', () => undefined)

server.listen(0, '127.0.0.1', () => {
  const { port } = server.server.address() as { port: number }
  process.stdout.write(`port ${port}\n`)
})

process.stdin.setEncoding('utf8')
process.stdin.on('data', (input: string) => {
  for (const command of input.split('\n').filter(Boolean)) {
    if (command === 'reset') messages = bytes = 0
    process.stdout.write(`count ${messages} ${bytes}\n`)
  }
})
process.stdin.on('end', () => server.close(() => process.exit(0)))
