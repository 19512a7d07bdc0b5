import { readFileSync } from 'node:fs'

/**
 * The peak resident memory (VmHWM, MB) of a process and its direct children, from /proc: the
 * launcher (src/launch.mjs) runs the worker as its child, so the child's figure is the worker's.
 */
export function peakRssMb(pid: number): number {
  const read = (id: number) => {
    try {
      return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0) / 1024
    } catch {
      return 0
    }
  }
  let children: number[] = []
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    // The process has ended: nothing more to read.
  }
  return Math.max(read(pid), ...children.map(read))
}

/** CPU seconds (user + system) a process and its direct children have used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const ticksPerSecond = 100 // USER_HZ on Linux
  const read = (id: number) => {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ')
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
    } catch {
      return 0
    }
  }
  let children: number[] = []
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    // The process has ended: nothing more to read.
  }
  return read(pid) + children.reduce((sum, child) => sum + read(child), 0)
}
