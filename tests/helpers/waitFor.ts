/** What a condition gives once it holds: never false, 0, '', null or undefined. */
type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>

/** Polls until `condition` holds (also outside a test, e.g. in beforeAll); throws with `what` after `timeoutMs`. */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await condition()
    if (value) return value as Truthy<T>
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
