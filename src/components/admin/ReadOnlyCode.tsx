'use client'
import { useField } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

/**
 * What the system wrote (an edition's frozen HTML, a batch's outcomes, an owed email's ids),
 * shown as text. Payload's code and JSON fields would load the Monaco editor from a CDN: blank
 * offline, and a third party in the admin. These fields are never edited, so plain text will do.
 */
export const ReadOnlyCode: JSONFieldClientComponent = ({ path, field }) => {
  const { value } = useField<unknown>({ path })
  const text =
    typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value, null, 2)
  const label = typeof field.label === 'string' ? field.label : field.name
  return (
    <div className="field-type read-only-code" style={{ marginBottom: 'var(--spacing-field, 1.5rem)' }}>
      <span className="field-label">{label}</span>
      <pre
        data-testid={`read-only-${field.name}`}
        tabIndex={0}
        style={{
          maxHeight: '24rem',
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          padding: '.75rem',
          border: '1px solid var(--theme-elevation-150)',
          borderRadius: 4,
          fontSize: 12,
        }}
      >
        {text || '—'}
      </pre>
    </div>
  )
}
