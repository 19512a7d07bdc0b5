import { readdirSync } from 'node:fs'
import { constants, getPriority, setPriority } from 'node:os'

/**
 * Lowers this process's CPU priority to `nice`. Linux keeps a niceness per thread, and V8's
 * helper threads (garbage collection, compilation) start before any of our code runs, so every
 * thread listed in /proc/self/task is lowered; threads started later (libuv's pool) inherit
 * the main thread's. Elsewhere the process as a whole. Raising priority needs privileges, so a
 * value below the current one is left as it is. Returns the niceness now in force.
 */
export function lowerPriority(nice: number): number {
  const current = getPriority()
  if (nice <= current) return current
  let threads: number[] = []
  try {
    threads = readdirSync('/proc/self/task').map(Number)
  } catch {
    // not Linux: the process's priority below
  }
  for (const thread of threads) {
    try {
      setPriority(thread, nice)
    } catch {
      // a thread that ended meanwhile
    }
  }
  if (threads.length === 0) setPriority(Math.min(nice, constants.priority.PRIORITY_LOW))
  return getPriority()
}
