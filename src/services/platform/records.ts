/** Record ids as the database gives them: numbers on SQLite, strings on MongoDB. */
export type RecordId = string | number

/** A relationship as Payload returns it: the id, or the document when populated. */
export type Ref<T extends { id: RecordId } = { id: RecordId }> = RecordId | T

/** The id a relationship points at, whether Payload gave the id or the populated document. */
export function idOf<I extends RecordId>(ref: I | { id: I }): I
export function idOf<I extends RecordId>(ref: I | { id: I } | null | undefined): I | undefined
export function idOf(ref: Ref | null | undefined): RecordId | undefined {
  if (ref === null || ref === undefined) return undefined
  return typeof ref === 'object' ? ref.id : ref
}
