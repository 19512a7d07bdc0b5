'use client'
import { useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import type { EditionProgress } from '@/src/services/digest/editorTools'

/**
 * An edition's page: the email as readers will see it (desktop and phone widths), a test
 * to yourself, Schedule, Send now (after a confirmation), and progress while it sends. When
 * the brake paused it, why, and for admins Resume or Cancel. The server checks every action again.
 */

const WIDTHS = { desktop: 720, mobile: 375 } as const

async function post(path: string, body?: unknown): Promise<{ ok: boolean; message: string }> {
  const response = await fetch(path, {
    method: body === undefined ? 'POST' : 'PATCH',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  })
  const data = (await response.json().catch(() => ({}))) as { message?: string; errors?: Array<{ message: string }> }
  return {
    ok: response.ok,
    message: data.message ?? data.errors?.[0]?.message ?? `The request was refused (${response.status}).`,
  }
}

const STATUS_WORD: Record<string, string> = { sent: 'Sent', paused: 'Paused', cancelled: 'Cancelled' }
const WITH_PROGRESS = ['sending', 'paused', 'sent', 'cancelled']

function ProgressBar({ progress }: { progress: EditionProgress }) {
  const total = progress.recipients ?? 0
  const done = progress.sent + progress.failed + progress.skipped
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0
  return (
    <div aria-live="polite" style={{ margin: '1rem 0' }}>
      <progress max={100} value={percent} style={{ width: '100%' }} aria-label="Sending progress" />
      <p data-testid="edition-progress" style={{ margin: '.25rem 0' }}>
        {STATUS_WORD[progress.status] ?? 'Sending'}: {progress.sent} sent, {progress.failed} failed, {progress.skipped}{' '}
        skipped
        {progress.recipients === null ? ' (still preparing the reader list)' : ` of ${total} readers`}
      </p>
      {progress.continues && (
        <p data-testid="edition-warmup" style={{ margin: '.25rem 0' }}>
          Warm-up, day {progress.continues.dayNumber}: today&rsquo;s {progress.continues.allowance} messages are out. It
          continues tomorrow ({new Date(progress.continues.at).toLocaleString()}), {progress.continues.left} left.
        </p>
      )}
      {Object.values(progress.reported).some(Boolean) && (
        <p data-testid="edition-reported" style={{ margin: '.25rem 0' }}>
          Reported by the mail provider since: {progress.reported['hard-bounce']} hard bounces,{' '}
          {progress.reported['soft-bounce']} soft bounces, {progress.reported.complaint} spam complaints,{' '}
          {progress.reported.unsubscribe} unsubscribes.
        </p>
      )}
    </div>
  )
}

export function EditionPanel() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value) as string | undefined
  const updatedAt = useFormFields(([fields]) => fields.updatedAt?.value) as string | undefined
  const [width, setWidth] = useState<keyof typeof WIDTHS>('desktop')
  const [notice, setNotice] = useState<{ ok: boolean; message: string }>()
  const [busy, setBusy] = useState(false)
  const [when, setWhen] = useState('')
  const [progress, setProgress] = useState<EditionProgress>()
  // Set once React has taken over the server-rendered panel: until then its buttons do nothing,
  // so tests (and anything else that drives the page) wait for `data-ready`.
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])

  const refreshProgress = useCallback(async () => {
    if (!id) return
    const response = await fetch(`/api/editions/${id}/progress`, { credentials: 'include' })
    if (response.ok) setProgress((await response.json()) as EditionProgress)
  }, [id])

  const { user } = useAuth<{ role?: string }>()
  const sendError = useFormFields(([fields]) => fields.sendError?.value) as string | undefined
  const liveStatus = progress?.status ?? status
  useEffect(() => {
    if (!id || !WITH_PROGRESS.includes(liveStatus ?? '')) return
    void refreshProgress()
    if (liveStatus !== 'sending') return
    const timer = setInterval(() => void refreshProgress(), 2_000)
    return () => clearInterval(timer)
  }, [id, liveStatus, refreshProgress])

  if (!id) return <p>Save the edition to preview, test and send it.</p>

  /** Runs an action; one that changed the edition's status reloads the page, so the form shows it. */
  async function act(run: () => Promise<{ ok: boolean; message: string }>, changesStatus = false) {
    setBusy(true)
    setNotice(undefined)
    const result = await run().catch(() => ({
      ok: false,
      message: 'The server could not be reached. Please try again.',
    }))
    if (result.ok && changesStatus) return window.location.reload()
    setNotice(result)
    setBusy(false)
  }

  const canSend = liveStatus === 'draft' || liveStatus === 'scheduled' || liveStatus === 'failed'
  const sendNow = () => {
    if (!window.confirm('Send this edition to every active reader now? This cannot be undone.')) return
    void act(() => post(`/api/editions/${id}/send`), true)
  }
  const resume = () => {
    if (!window.confirm('Resume sending to the readers who have not had this edition yet?')) return
    void act(() => post(`/api/editions/${id}/resume`), true)
  }
  const cancel = () => {
    if (!window.confirm('Cancel this edition? Nobody else will get it. This cannot be undone.')) return
    void act(() => post(`/api/editions/${id}/cancel`), true)
  }
  const schedule = () => {
    if (!when) return setNotice({ ok: false, message: 'Choose a day and time first.' })
    void act(
      () => post(`/api/editions/${id}`, { status: 'scheduled', scheduledFor: new Date(when).toISOString() }),
      true,
    )
  }

  return (
    <section
      className="edition-panel"
      aria-label="Preview and send"
      data-ready={ready || undefined}
      style={{ marginBottom: '2rem' }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '.5rem', alignItems: 'center', marginBottom: '.75rem' }}>
        <strong style={{ marginRight: 'auto' }}>Preview</strong>
        {(Object.keys(WIDTHS) as Array<keyof typeof WIDTHS>).map((name) => (
          <button
            key={name}
            type="button"
            className="btn btn--style-secondary btn--size-small"
            aria-pressed={width === name}
            onClick={() => setWidth(name)}
          >
            {name === 'desktop' ? 'Desktop' : 'Mobile'}
          </button>
        ))}
      </div>
      <iframe
        title="Email preview"
        src={`/api/editions/${id}/preview?v=${encodeURIComponent(updatedAt ?? '')}`}
        sandbox=""
        style={{
          width: WIDTHS[width],
          maxWidth: '100%',
          height: 720,
          border: '1px solid var(--theme-elevation-150, #ddd)',
          borderRadius: 6,
          background: '#fff',
        }}
      />

      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '.5rem', alignItems: 'center', marginTop: '1rem' }}>
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          disabled={busy}
          onClick={() => void act(() => post(`/api/editions/${id}/test`))}
        >
          Send a test to me
        </button>
        {canSend && (
          <>
            <label htmlFor="edition-schedule-at" style={{ marginLeft: '1rem' }}>
              Send at
            </label>
            <input
              id="edition-schedule-at"
              type="datetime-local"
              value={when}
              onChange={(event) => setWhen(event.target.value)}
            />
            <button
              type="button"
              className="btn btn--style-secondary btn--size-small"
              disabled={busy}
              onClick={schedule}
            >
              Schedule
            </button>
            <button type="button" className="btn btn--style-primary btn--size-small" disabled={busy} onClick={sendNow}>
              Send now
            </button>
          </>
        )}
      </div>
      {liveStatus === 'paused' && (
        <div role="alert" data-testid="edition-paused" style={{ margin: '1rem 0' }}>
          <p style={{ margin: '0 0 .5rem' }}>{sendError ?? 'Sending is paused.'}</p>
          {user?.role === 'admin' ? (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '.5rem' }}>
              <button type="button" className="btn btn--style-primary btn--size-small" disabled={busy} onClick={resume}>
                Resume sending
              </button>
              <button
                type="button"
                className="btn btn--style-secondary btn--size-small"
                disabled={busy}
                onClick={cancel}
              >
                Cancel the rest
              </button>
            </div>
          ) : (
            <p style={{ margin: 0 }}>An admin decides whether it goes on.</p>
          )}
        </div>
      )}
      {notice && (
        <p
          role={notice.ok ? 'status' : 'alert'}
          style={{ color: notice.ok ? 'inherit' : 'var(--theme-error-500, #b00)' }}
        >
          {notice.message}
        </p>
      )}
      {progress && WITH_PROGRESS.includes(progress.status) && <ProgressBar progress={progress} />}
    </section>
  )
}
