/**
 * `npm run doctor`: reads the From domain's DNS and our configuration as a mailbox provider
 * would, and prints one line per check — `pass`, `warn` or `fail` — with the fix under each
 * one that is not a pass. Exits 1 when any check fails. DNS_SERVERS points it at other
 * resolvers. Logs go to stderr (LOG_DESTINATION), so stdout is the report.
 */
import { runScript } from './runScript'

runScript('doctor', async () => {
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  const { getPayload } = await import('payload')
  const { default: config } = await import('./payload.config')
  // Development pushes the schema on start and draws its progress on stdout: keep stdout for the report.
  const stdoutWrite = process.stdout.write
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
  const payload = await getPayload({ config }).finally(() => (process.stdout.write = stdoutWrite))
  const { runSenderChecks } = await import('./services/deliverability/doctor')
  const { formatResults, hasFailure } = await import('./services/deliverability/senderChecks')
  const results = await runSenderChecks(payload)
  process.stdout.write(`${formatResults(results)}\n`)
  const failed = results.filter((check) => check.verdict === 'fail').length
  process.stdout.write(
    failed > 0
      ? `\n${failed} check${failed === 1 ? '' : 's'} failed: fix ${failed === 1 ? 'it' : 'them'} before a large edition goes out.\n`
      : '\nNo check failed.\n',
  )
  return hasFailure(results) ? 1 : 0
})
