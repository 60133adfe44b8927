import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { isolatedDist, PROJECT_ROOT, runStep } from '../sandbox/actions-runner.js'
import { faults } from '../sandbox/faults.js'
import type { Fault } from '../sandbox/party.js'
import { Sandbox } from '../sandbox/sandbox.js'

/**
 * `npm run bench [-- --pairs N] [--node PATH]`: the action's dist/index.js and the zero-dependency floor client
 * (bench/floor.mjs), run alternately (A B A B …) against the sandbox as the runner runs them, on Node 24.
 * Prints a table and one JSON line. Not a test: nothing here asserts a time.
 */
const { values } = parseArgs({ options: { pairs: { type: 'string', default: '9' }, node: { type: 'string' } } })
const pairs = Math.max(7, Number(values.pairs))
const node =
  values.node ??
  join(execFileSync('bash', [join(PROJECT_ROOT, 'scripts', 'node24.sh')], { encoding: 'utf8' }).trim(), 'node')
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()

interface Sample {
  wallMs: number
  firstRequestMs: number
  peakRssMb: number
  requests: { oidc: number; entra: number; graph: number }
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const round = (x: number, digits = 1): number => Number(x.toFixed(digits))

/** Canonical key spellings: the floor sends keys as written, with no enum lookup. */
const CREDENTIALS =
  'Oauth2AuthorizationCode=M.C507_BAY.2.U.bench-code\nOauth2RedirectUri=https://portal.azure.com/TokenAuthorize'

const sandbox = await Sandbox.start()
const probeDir = mkdtempSync(join(tmpdir(), 'entra-bench-'))

async function measure(entry: string): Promise<Sample> {
  sandbox.reset()
  const rssFile = join(probeDir, 'rss')
  const run = await runStep({
    entry,
    node,
    inputs: { ...sandbox.inputs(), credentials: CREDENTIALS },
    env: {
      ...sandbox.runnerEnv(),
      NODE_OPTIONS: `--import=${join(PROJECT_ROOT, 'bench', 'rss-probe.mjs')}`,
      BENCH_RSS_FILE: rssFile
    }
  })
  if (run.exitCode !== 0) throw new Error(`${entry} failed:\n${run.stdout}\n${run.stderr}`)
  const [oidc, entra, graph] = sandbox.parties().map((p) => p.requests.length)
  const first = Math.min(...sandbox.parties().flatMap((p) => p.requests.map((r) => r.at)))
  return {
    wallMs: run.durationMs,
    firstRequestMs: first - run.startedAt,
    peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024,
    requests: { oidc, entra, graph }
  }
}

const action = isolatedDist()
const floor = join(PROJECT_ROOT, 'bench', 'floor.mjs')
const samples = { action: [] as Sample[], floor: [] as Sample[] }

interface WaitCheck {
  fault: string
  /** What the action announced it would wait (Retry-After or its backoff), from its own log line. */
  announcedMs: number
  /** Time between the two Graph requests the sandbox received. */
  observedMs: number
}

/** One throttled run: the wait the action announced against the gap the server saw. */
async function measureWait(name: string, fault: Fault): Promise<WaitCheck> {
  sandbox.reset()
  sandbox.graph.party.faults.push(fault)
  const run = await runStep({
    node,
    inputs: { ...sandbox.inputs(), credentials: CREDENTIALS },
    env: sandbox.runnerEnv()
  })
  const line = run.log.lines.find((l) => l.startsWith('Graph attempt 1'))
  const announced = Number(/retrying in ([\d.]+) s/.exec(line ?? '')?.[1] ?? NaN) * 1000
  const [first, second] = sandbox.graph.party.requests.map((r) => r.at)
  return { fault: name, announcedMs: announced, observedMs: second - first }
}

const waits: WaitCheck[] = []
try {
  await measure(action)
  await measure(floor)
  for (let i = 0; i < pairs; i++) {
    samples.action.push(await measure(action))
    samples.floor.push(await measure(floor))
  }
  waits.push(await measureWait('429 Retry-After: 1', faults.throttled(1)))
  waits.push(await measureWait('429 Retry-After: 2', faults.throttled(2)))
  waits.push(await measureWait('503 (backoff)', faults.unavailable()))
} finally {
  await sandbox.stop()
  rmSync(probeDir, { recursive: true, force: true })
}

const distFiles = readdirSync(join(PROJECT_ROOT, 'dist')).map((f) => ({
  file: f,
  bytes: statSync(join(PROJECT_ROOT, 'dist', f)).size
}))
const distBytes = distFiles.reduce((sum, f) => sum + f.bytes, 0)
const summarize = (xs: Sample[]) => ({
  wallMs: round(median(xs.map((s) => s.wallMs))),
  firstRequestMs: round(median(xs.map((s) => s.firstRequestMs))),
  peakRssMb: round(median(xs.map((s) => s.peakRssMb))),
  requests: xs[0].requests,
  requestsStable: xs.every((s) => JSON.stringify(s.requests) === JSON.stringify(xs[0].requests))
})
const result = {
  node: nodeVersion,
  pairs,
  action: summarize(samples.action),
  floor: summarize(samples.floor),
  ratio: round(median(samples.action.map((s, i) => s.wallMs / samples.floor[i].wallMs)), 2),
  waits,
  distBytes,
  distFiles: Object.fromEntries(distFiles.map((f) => [f.file, f.bytes]))
}

console.log(`Node ${nodeVersion}, ${pairs} pairs (A B alternating, after one warm-up pair), against the sandbox\n`)
console.log('                      action     floor')
console.log(
  `median wall time      ${String(result.action.wallMs).padStart(6)} ms ${String(result.floor.wallMs).padStart(6)} ms`
)
console.log(
  `start → first request ${String(result.action.firstRequestMs).padStart(6)} ms ${String(result.floor.firstRequestMs).padStart(6)} ms`
)
console.log(
  `peak RSS              ${String(result.action.peakRssMb).padStart(6)} MB ${String(result.floor.peakRssMb).padStart(6)} MB`
)
for (const party of ['oidc', 'entra', 'graph'] as const) {
  console.log(
    `requests to ${party.padEnd(10)}${String(result.action.requests[party]).padStart(6)}    ${String(result.floor.requests[party]).padStart(6)}`
  )
}
console.log(`\nmedian action/floor ratio (pair by pair): ${result.ratio}`)
console.log('\nUnder throttling (wait announced in the log vs gap between the two Graph requests):')
for (const wait of waits) {
  console.log(
    `  ${wait.fault.padEnd(20)} announced ${String(wait.announcedMs).padStart(5)} ms, observed ${String(wait.observedMs).padStart(5)} ms (+${wait.observedMs - wait.announcedMs} ms)`
  )
}
console.log(
  `dist/: ${(distBytes / 1024).toFixed(0)} KiB in ${distFiles.length} files (${distFiles.map((f) => `${f.file} ${(f.bytes / 1024).toFixed(0)} KiB`).join(', ')})`
)
console.log(JSON.stringify(result))
