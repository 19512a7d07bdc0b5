'use client'
import { useDocumentInfo } from '@payloadcms/ui'

/** On a subscriber's page: download everything we hold about them (an access request). */
export function SubscriberExportLink() {
  const { id } = useDocumentInfo()
  if (!id) return null
  return (
    <p style={{ margin: '0 0 1.5rem' }}>
      <a href={`/api/subscribers/${id}/export`} download>
        Export this reader's data (JSON)
      </a>{' '}
      · Deleting this reader erases them and their delivery records.
    </p>
  )
}
