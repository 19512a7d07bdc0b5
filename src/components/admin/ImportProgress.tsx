'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { importStatus } from '@/src/services/newsletter/subscriberImport'

// What the status URL answers (the type only: the service stays on the server).
export type ImportStatus = ReturnType<typeof importStatus>

/** One import's progress and report, polled while it runs. */
export function ImportReport({ status, bytes }: { status: ImportStatus; bytes?: number | null }) {
  const running = status.status === 'queued' || status.status === 'running'
  return (
    <div style={{ margin: '1rem 0' }} aria-live="polite">
      {running && <progress aria-label="Import progress" max={100} value={status.percent} style={{ width: '100%' }} />}
      <p data-testid="import-report" style={{ margin: '.25rem 0' }}>
        {status.status === 'queued'
          ? 'Waiting for a worker'
          : status.status === 'running'
            ? `Importing (${status.percent} %)`
            : status.status === 'done'
              ? 'Done'
              : 'Failed'}
        : {status.processed.toLocaleString('en')} rows read
        {bytes ? ` of a ${(bytes / 1024 / 1024).toFixed(1)} MB file` : ''} — {status.imported.toLocaleString('en')}{' '}
        imported, {status.alreadySubscribed.toLocaleString('en')} already there,{' '}
        {status.suppressed.toLocaleString('en')} erased or complained earlier (skipped),{' '}
        {status.rejected.toLocaleString('en')} rejected.
      </p>
      {status.error && <p role="alert">{status.error}</p>}
      {status.rejectedUrl && (
        <p>
          <a href={status.rejectedUrl}>Download the rejected lines with their reasons (CSV)</a>
        </p>
      )}
    </div>
  )
}

/** Polls an import's status URL every second until it is done or failed (every two seconds while it cannot be read). */
export function useImportStatus(id: string | number | undefined): ImportStatus | undefined {
  const [status, setStatus] = useState<ImportStatus>()
  useEffect(() => {
    if (id === undefined) return
    let stopped = false
    const poll = async () => {
      const response = await fetch(`/api/subscribers/imports/${id}`, { credentials: 'include' }).catch(() => undefined)
      if (stopped) return
      // A failed look (a busy server, a limit) is tried again: the report must not stay blank.
      if (!response?.ok) return void setTimeout(() => void poll(), 2_000)
      const next = (await response.json()) as ImportStatus
      setStatus(next)
      if (next.status === 'queued' || next.status === 'running') setTimeout(() => void poll(), 1_000)
    }
    void poll()
    return () => {
      stopped = true
    }
  }, [id])
  return status
}

/** On an import's page in the admin. */
export function ImportProgress() {
  const { id } = useDocumentInfo()
  const status = useImportStatus(id)
  return status ? <ImportReport status={status} /> : null
}
