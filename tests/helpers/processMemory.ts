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
