'use client'
import { loader } from '@monaco-editor/react'
import type { ReactNode } from 'react'

// Before any code field mounts: Monaco from our origin (src/app/monaco), not from a CDN.
loader.config({ paths: { vs: '/monaco/vs' } })

export function LocalMonaco({ children }: { children?: ReactNode }) {
  return children
}
