'use client'
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

import { describeStatus, NEXT_STATUSES, type SubmissionStatus } from '@/src/services/editorial/submissionWorkflow'

/**
 * The editor's decisions as buttons: only the moves the workflow allows from here, each
 * with an optional message to the contributor. The server checks the move again.
 */
export function SubmissionActions() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value) as SubmissionStatus | undefined
  const [message, setMessage] = useState('')
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)
  if (!id || !status) return null
  const next = NEXT_STATUSES[status] ?? []

  async function move(to: SubmissionStatus) {
    if (
      to === 'declined' &&
      !window.confirm('Decline this submission? The contributor will be told, and it cannot be undone.')
    )
      return
    setBusy(true)
    setProblem(undefined)
    const response = await fetch(`/api/submissions/${id}`, {
      method: 'PATCH',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: to, transitionMessage: message }),
    })
    if (response.ok) {
      window.location.reload()
      return
    }
    const body = (await response.json().catch(() => ({}))) as { errors?: Array<{ message: string }> }
    setProblem(body.errors?.[0]?.message ?? `The change was refused (${response.status}).`)
    setBusy(false)
  }

  return (
    <div className="submission-actions" style={{ marginBottom: '1.5rem' }}>
      <p style={{ fontWeight: 600, margin: '0 0 .5rem' }}>Decision</p>
      {next.length === 0 ? (
        <p>This submission is {describeStatus(status)}; that is final.</p>
      ) : (
        <>
          <label htmlFor="transition-message" style={{ display: 'block', marginBottom: '.25rem' }}>
            Message to the contributor (optional)
          </label>
          <textarea
            id="transition-message"
            value={message}
            maxLength={5000}
            rows={3}
            onChange={(event) => setMessage(event.target.value)}
            style={{ width: '100%', marginBottom: '.5rem' }}
          />
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '.5rem' }}>
            {next.map((to) => (
              <button
                key={to}
                type="button"
                className="btn btn--style-secondary btn--size-small"
                disabled={busy}
                onClick={() => void move(to)}
              >
                {to === 'in_review'
                  ? 'Start review'
                  : to === 'changes_requested'
                    ? 'Request changes'
                    : to === 'accepted'
                      ? 'Accept'
                      : 'Decline'}
              </button>
            ))}
          </div>
        </>
      )}
      {problem && (
        <p role="alert" style={{ color: 'var(--theme-error-500, #b00)' }}>
          {problem}
        </p>
      )}
    </div>
  )
}
