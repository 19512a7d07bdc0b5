/**
 * Runs `task` now and then every `intervalMs`, never two runs at once (a slow run makes the
 * next tick wait for it). Returns the function that stops it, once a run under way has ended.
 */
export function repeatEvery(intervalMs: number, task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  const tick = () => {
    running ??= task().finally(() => (running = undefined))
  }
  tick()
  const timer = setInterval(tick, intervalMs)
  return async () => {
    clearInterval(timer)
    await running
  }
}
