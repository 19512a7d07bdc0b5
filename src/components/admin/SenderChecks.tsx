import type { AdminViewServerProps } from 'payload'

import { env } from '@/src/env'
import { runSenderChecks } from '@/src/services/deliverability/doctor'
import { failingChecks, type Verdict } from '@/src/services/deliverability/senderChecks'
import { AdminPage } from './AdminPage'

const MARK: Record<Verdict, { sign: string; color: string }> = {
  pass: { sign: '✓', color: 'var(--theme-success-600, #1a7f37)' },
  warn: { sign: '!', color: 'var(--theme-warning-700, #9a6700)' },
  fail: { sign: '✕', color: 'var(--theme-error-600, #cf222e)' },
}

/**
 * /admin/sender-checks (admins): what `npm run doctor` says, read when the page opens — the
 * From domain's DNS and our configuration, line by line, with the fix for each problem.
 */
export async function SenderChecksView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const isAdmin = (req.user as { role?: string } | null)?.role === 'admin'
  const results = isAdmin ? await runSenderChecks(req.payload) : []
  const failing = failingChecks(results).length
  return (
    <AdminPage initPageResult={initPageResult} params={params} searchParams={searchParams} title="Sender checks">
      {!isAdmin ? (
        <p>Only admins can see the sender checks.</p>
      ) : (
        <>
          <p style={{ maxWidth: '44rem' }}>
            What Gmail, Yahoo and Outlook.com look at before they accept a newsletter, read from this server just now
            (the same as <code>npm run doctor</code>).{' '}
            {failing > 0
              ? `${failing} ${failing === 1 ? 'check fails' : 'checks fail'}: an edition to more than ${env().senderChecks.requiredAbove} readers will not start until ${failing === 1 ? 'it is' : 'they are'} fixed, unless an admin overrides it on the edition.`
              : 'No check fails.'}
          </p>
          <ul style={{ listStyle: 'none', padding: 0, margin: '1.5rem 0', maxWidth: '52rem' }}>
            {results.map((check, index) => (
              <li
                key={index}
                data-verdict={check.verdict}
                style={{
                  display: 'flex',
                  gap: '.75rem',
                  padding: '.75rem 0',
                  borderTop: '1px solid var(--theme-elevation-100)',
                }}
              >
                <span
                  aria-hidden="true"
                  style={{ color: MARK[check.verdict].color, fontWeight: 700, width: '1.25rem', flex: 'none' }}
                >
                  {MARK[check.verdict].sign}
                </span>
                <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  <strong>
                    {check.verdict} · {check.check}
                  </strong>
                  <div>{check.detail}</div>
                  {check.fix ? <div style={{ opacity: 0.8, marginTop: '.25rem' }}>Fix: {check.fix}</div> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </AdminPage>
  )
}
