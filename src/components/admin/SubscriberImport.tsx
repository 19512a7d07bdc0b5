'use client'
import { useState } from 'react'

type Report = { imported: number; alreadySubscribed: number; suppressed: number; rejected: Array<{ line: number; reason: string }> }

/** Above the subscribers list: import a CSV of readers who consented elsewhere (admins only). */
export function SubscriberImport() {
  const [result, setResult] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function upload(file: File) {
    setBusy(true)
    try {
      const response = await fetch('/api/subscribers/import', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: await file.text(),
        credentials: 'include',
      })
      const body = (await response.json()) as Report & { message?: string }
      setResult(
        response.ok
          ? `Imported ${body.imported}; already subscribed ${body.alreadySubscribed}; erased earlier (skipped) ${body.suppressed}; rejected ${body.rejected.length}` +
              body.rejected.slice(0, 10).map((r) => ` · line ${r.line}: ${r.reason}`).join('')
          : body.message ?? `Import failed (${response.status}).`,
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <details style={{ margin: '0 0 1.5rem' }}>
      <summary>Import subscribers from CSV</summary>
      <p>
        Columns: <code>email, firstName, consentGivenAt, consentSource, consentWording, confirmedAt</code>. Rows without consent
        evidence are rejected; erased readers are never re-added.
      </p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file of subscribers"
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0]
          if (file) void upload(file)
        }}
      />
      {result && <p role="status">{result}</p>}
    </details>
  )
}
