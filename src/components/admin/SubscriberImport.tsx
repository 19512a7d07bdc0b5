'use client'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { ImportReport, useImportStatus } from './ImportProgress'

/** Above the subscribers list: import a CSV of readers who consented elsewhere, export the list (admins only). */
export function SubscriberImport() {
  const [importId, setImportId] = useState<number | string>()
  const [bytes, setBytes] = useState<number>()
  const [message, setMessage] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [newsletter, setNewsletter] = useState('')
  const [newsletters, setNewsletters] = useState<Array<{ slug: string; name: string }>>([])
  useEffect(() => {
    // Every newsletter (staff read them all): an import may fill one that is not offered on the site.
    fetch('/api/newsletters?limit=100&depth=0&sort=name', { credentials: 'include' })
      .then((response) => (response.ok ? response.json() : { docs: [] }))
      .then((body: { docs: Array<{ slug: string; name: string }> }) => setNewsletters(body.docs))
      .catch(() => undefined)
  }, [])
  const status = useImportStatus(importId)
  const router = useRouter()
  // The list below was drawn before the import: show the readers it brought.
  const finished = status?.status === 'done'
  useEffect(() => {
    if (finished) router.refresh()
  }, [finished, router])

  async function upload(file: File) {
    setBusy(true)
    setMessage(undefined)
    setImportId(undefined)
    try {
      // The file itself as the body: the browser streams it, nothing is read into memory here.
      const target = newsletter ? `?newsletter=${encodeURIComponent(newsletter)}` : ''
      const response = await fetch(`/api/subscribers/import${target}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(file.name) },
        body: file,
        credentials: 'include',
      })
      const body = (await response.json()) as { importId?: number | string; message?: string }
      if (response.ok && body.importId !== undefined) {
        setImportId(body.importId)
        setBytes(file.size)
      } else setMessage(body.message ?? `The import was refused (${response.status}).`)
    } catch {
      setMessage('The file could not be sent. Check the connection and try again.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <details style={{ margin: '0 0 1.5rem' }}>
      <summary>Import or export subscribers (CSV)</summary>
      <p>
        Columns:{' '}
        <code>
          email, firstName, status, consentGivenAt, consentSource, consentWording, confirmedAt, topics, newsletters
        </code>{' '}
        (topics and newsletters: slugs separated by spaces; files up to 200 MB). Rows without consent evidence are
        rejected; erased readers are never re-added; existing readers are left as they are. The import runs in the
        background: you can leave this page. <a href="/admin/collections/subscriber-imports">Earlier imports</a> ·{' '}
        <a href="/api/subscribers/export">Export every subscriber (CSV)</a>
      </p>
      <p>
        <label>
          Import into{' '}
          <select value={newsletter} onChange={(event) => setNewsletter(event.target.value)} disabled={busy}>
            <option value="">the newsletters each row names (or the default ones)</option>
            {newsletters.map((each) => (
              <option key={each.slug} value={each.slug}>
                {each.name} (and any the row names)
              </option>
            ))}
          </select>
        </label>
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
      {busy && <p role="status">Uploading…</p>}
      {message && <p role="alert">{message}</p>}
      {status && <ImportReport status={status} bytes={bytes} />}
    </details>
  )
}
