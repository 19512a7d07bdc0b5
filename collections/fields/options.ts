/** Select options from stored values: "changes_requested" → label "Changes requested". */
export function optionsFrom(values: readonly string[]) {
  return values.map((value) => ({ label: value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()), value }))
}
