/**
 * `node src/launch.mjs tests/bench/profileSummary.ts <file.cpuprofile> [per N]`: where a
 * process spent its CPU time, from a V8 profile (`--cpu-prof`, e.g. the benchmarks'
 * `WORKER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR"`). Prints self time by package (our
 * own code by folder) and the top functions; with N, also microseconds per unit (per reader),
 * so runs at different sizes compare directly.
 */
import { readFileSync } from 'node:fs'

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, perArg] = process.argv.slice(2)
if (!file) {
  process.stderr.write('usage: profileSummary.ts <file.cpuprofile> [units]\n')
  process.exit(2)
}
const units = perArg ? Number(perArg) : undefined
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))

/** Which package a frame belongs to: node_modules/<pkg>, our folder (src/services/digest…), or node/V8. */
function owner(url: string): string {
  if (!url) return '(V8 / native)'
  if (url.startsWith('node:')) return 'node'
  const modules = url.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  return 'ours (dist/worker.mjs)'
}

const byOwner = new Map<string, number>()
const byFunction = new Map<string, number>()
let total = 0
profile.samples.forEach((id, index) => {
  const micros = profile.timeDeltas[index] ?? 0
  const frame = byId.get(id)!.callFrame
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') return
  total += micros
  byOwner.set(owner(frame.url), (byOwner.get(owner(frame.url)) ?? 0) + micros)
  const name = `${frame.functionName || '(anonymous)'}  ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros)
})

const line = (label: string, micros: number) =>
  `${(micros / 1000).toFixed(0).padStart(8)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%` +
  (units ? ` ${(micros / units).toFixed(1).padStart(7)} µs/unit` : '') +
  `  ${label}`
process.stdout.write(
  `busy CPU: ${(total / 1e6).toFixed(1)} s${units ? `, ${(total / units).toFixed(1)} µs per unit (${units})` : ''}\n\nby package:\n`,
)
for (const [label, micros] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 12))
  process.stdout.write(`${line(label, micros)}\n`)
process.stdout.write('\ntop functions (self time):\n')
for (const [label, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
  process.stdout.write(`${line(label, micros)}\n`)
process.exit(0)
