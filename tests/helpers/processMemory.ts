import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second in /proc's CPU times (USER_HZ on Linux). */
const TICKS_PER_SECOND = 100

/** A process's direct children (the launcher, src/launch.mjs, runs the worker as its child). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    // The process has ended: nothing more to read.
    return []
  }
}

/** User + system CPU seconds in a /proc stat line; the fields after the command name (which may hold spaces). */
function statCpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read()
  } catch {
    return fallback
  }
}

/** The peak resident memory (VmHWM, MB) of a process and its direct children, from /proc. */
export function peakRssMb(pid: number): number {
  const read = (id: number) =>
    readOr(() => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0) / 1024, 0)
  return Math.max(read(pid), ...childrenOf(pid).map(read))
}

/** CPU seconds (user + system) a process and its direct children have used so far. */
export function cpuSeconds(pid: number): number {
  const read = (id: number) => readOr(() => statCpuSeconds(readFileSync(`/proc/${id}/stat`, 'utf8')), 0)
  return read(pid) + childrenOf(pid).reduce((sum, child) => sum + read(child), 0)
}

/** CPU seconds per thread ("main", or "<tid> <name>") of the launcher's child (else the process itself). */
export function threadCpuSeconds(pid: number): Map<string, number> {
  const target = childrenOf(pid)[0] ?? pid
  const threads = new Map<string, number>()
  for (const tid of readOr(() => readdirSync(`/proc/${target}/task`), [] as string[])) {
    const stat = readOr(() => readFileSync(`/proc/${target}/task/${tid}/stat`, 'utf8'), '')
    if (!stat) continue
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    threads.set(tid === String(target) ? 'main' : `${tid} ${name}`, statCpuSeconds(stat))
  }
  return threads
}
