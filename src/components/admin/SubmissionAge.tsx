'use client'

/** The review queue's "age" column: how long the contributor has been waiting. */
export function SubmissionAge({ rowData }: { rowData?: { createdAt?: string } }) {
  if (!rowData?.createdAt) return null
  const days = Math.floor((Date.now() - new Date(rowData.createdAt).getTime()) / 86_400_000)
  return <span>{days === 0 ? 'today' : days === 1 ? '1 day' : `${days} days`}</span>
}
