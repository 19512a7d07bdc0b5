import { stringify } from 'csv-stringify/sync'

/**
 * Every CSV we write is data, never a program: a cell that starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return would run as a formula when an admin opens the file in a
 * spreadsheet (a reader's first name `=HYPERLINK(…)` carrying other rows out). csv-stringify
 * puts a `'` before such a cell; `fromCsvCell` takes it off again, so an export imports back
 * unchanged.
 */
export const csvLines = (rows: unknown[][]): string => stringify(rows, { escape_formulas: true })

const ESCAPED_FORMULA = /^'[=+\-@\t\r]/

export const fromCsvCell = (value: string): string => (ESCAPED_FORMULA.test(value) ? value.slice(1) : value)
