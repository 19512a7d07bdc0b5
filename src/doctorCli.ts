/**
 * `npm run doctor`: reads the From domain's DNS and our configuration as a mailbox provider
 * would, and prints one line per check — `pass`, `warn` or `fail` — with the fix under each
 * one that is not a pass. Exits 1 when any check fails. DNS_SERVERS points it at other
 * resolvers. Logs go to stderr (LOG_DESTINATION), so stdout is the report.
 */
import { payloadForScript, runScript } from './runScript'

runScript('doctor', async () => {
  const payload = await payloadForScript()
  const { runSenderChecks } = await import('./services/deliverability/doctor')
  const { failingChecks, formatResults } = await import('./services/deliverability/senderChecks')
  const results = await runSenderChecks(payload)
  process.stdout.write(`${formatResults(results)}\n`)
  const failed = failingChecks(results).length
  process.stdout.write(
    failed > 0
      ? `\n${failed} check${failed === 1 ? '' : 's'} failed: fix ${failed === 1 ? 'it' : 'them'} before a large edition goes out.\n`
      : '\nNo check failed.\n',
  )
  return failed > 0 ? 1 : 0
})
