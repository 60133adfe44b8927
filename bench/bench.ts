import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { CLOUDS, type CloudName } from '../src/clouds.js'
import { isolatedDist, PROJECT_ROOT, runStep } from '../sandbox/actions-runner.js'
import type { ConnectProxy } from '../sandbox/connect-proxy.js'
import { faults } from '../sandbox/faults.js'
import type { Fault } from '../sandbox/party.js'
import { REAL_HOST_NAMES, realNameProxy, realNameStep } from '../sandbox/real-names.js'
import { Sandbox } from '../sandbox/sandbox.js'

/**
 * `npm run bench [-- --pairs N] [--rtt 0,20,50] [--clouds global,us-gov,china] [--dist DIR] [--node PATH]`:
 * the action's dist/index.js and the zero-dependency floor client (bench/floor.mjs), run alternately (A B A B …)
 * against the sandbox as the runner runs them, on Node 24. Both reach the sandbox by the clouds' real host names
 * through a CONNECT proxy (HTTPS_PROXY) that adds the given round-trip time to every upstream connection, so each
 * cloud's real request count is what is measured. Prints a table per RTT and cloud, and one JSON line.
 * Not a test: nothing here asserts a time.
 */
const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '9' },
    rtt: { type: 'string', default: '0,20,50' },
    clouds: { type: 'string', default: 'global,us-gov,china' },
    dist: { type: 'string' },
    node: { type: 'string' },
    waits: { type: 'boolean', default: true }
  },
  allowNegative: true
})
const pairs = Math.max(3, Number(values.pairs))
const rtts = values.rtt.split(',').map(Number)
const clouds = values.clouds.split(',') as CloudName[]
for (const cloud of clouds) if (!(cloud in CLOUDS)) throw new Error(`unknown cloud ${cloud}`)
const node =
  values.node ??
  join(execFileSync('bash', [join(PROJECT_ROOT, 'scripts', 'node24.sh')], { encoding: 'utf8' }).trim(), 'node')
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()

interface Sample {
  wallMs: number
  firstRequestMs: number
  peakRssMb: number
  cpuMs: number
  requests: { oidc: number; entra: number; graph: number }
  tunnels: number
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

/** A SCIM app's credentials: no single-use code, so a 503 without Retry-After is retried with the backoff. */
const SCIM_CREDENTIALS = 'BaseAddress=https://scim.example.test/scim\nSecretToken=bench-scim-secret-token'

const sandbox = await Sandbox.start({ hostNames: REAL_HOST_NAMES })
const probeDir = mkdtempSync(join(tmpdir(), 'entra-bench-'))

/** Another build (say, of an earlier commit) in a checkout of its own, to measure a lever against the floor. */
function distEntry(dir: string | undefined): string {
  if (!dir) return isolatedDist()
  const root = mkdtempSync(join(tmpdir(), 'entra-bench-dist-'))
  cpSync(resolve(dir), join(root, 'dist'), { recursive: true })
  process.on('exit', () => rmSync(root, { recursive: true, force: true }))
  return join(root, 'dist', 'index.js')
}

const action = distEntry(values.dist)
const floor = join(PROJECT_ROOT, 'bench', 'floor.mjs')

async function measure(entry: string, cloud: CloudName, proxy: ConnectProxy): Promise<Sample> {
  sandbox.reset()
  proxy.tunnels.length = 0
  const usageFile = join(probeDir, 'usage')
  const step = realNameStep(sandbox, cloud, proxy)
  const { authorityHost, graphEndpoint, audience } = CLOUDS[cloud]
  const run = await runStep({
    entry,
    node,
    inputs: {
      ...step.inputs,
      credentials: CREDENTIALS,
      // The floor knows no cloud table: it is told the endpoints the action derives from `cloud`.
      ...(entry === floor ? { 'authority-host': authorityHost, 'graph-endpoint': graphEndpoint, audience } : {})
    },
    env: {
      ...step.env,
      NODE_OPTIONS: `--import=${join(PROJECT_ROOT, 'bench', 'usage-probe.mjs')}`,
      BENCH_USAGE_FILE: usageFile
    }
  })
  if (run.exitCode !== 0) throw new Error(`${entry} failed:\n${run.stdout}\n${run.stderr}`)
  const [oidc, entra, graph] = sandbox.parties().map((p) => p.requests.length)
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuMs: number }
  const first = Math.min(...sandbox.parties().flatMap((p) => p.requests.map((r) => r.at)))
  return {
    wallMs: run.durationMs,
    firstRequestMs: first - run.startedAt,
    peakRssMb: usage.maxRssKb / 1024,
    cpuMs: usage.cpuMs,
    requests: { oidc, entra, graph },
    tunnels: proxy.tunnels.length
  }
}

interface WaitCheck {
  fault: string
  /** What the action announced it would wait (Retry-After or its backoff), from its own log line. */
  announcedMs: number
  /** Time between the two Graph requests the sandbox received. */
  observedMs: number
}

/** One throttled run (direct, on loopback): the wait the action announced against the gap the server saw. */
async function measureWait(name: string, fault: Fault, credentials = CREDENTIALS): Promise<WaitCheck> {
  sandbox.reset()
  sandbox.graph.party.faults.push(fault)
  const run = await runStep({
    entry: action,
    node,
    inputs: { ...sandbox.inputs(), credentials },
    env: sandbox.runnerEnv()
  })
  const line = run.log.lines.find((l) => l.startsWith('Graph attempt 1'))
  const announced = Number(/retrying in ([\d.]+) s/.exec(line ?? '')?.[1] ?? NaN) * 1000
  const [first, second] = sandbox.graph.party.requests.map((r) => r.at)
  if (Number.isNaN(announced) || second === undefined)
    throw new Error(`${name}: the action did not retry (log: ${run.log.lines.join(' | ')})`)
  return { fault: name, announcedMs: announced, observedMs: second - first }
}

const summarize = (xs: Sample[]) => ({
  wallMs: round(median(xs.map((s) => s.wallMs))),
  firstRequestMs: round(median(xs.map((s) => s.firstRequestMs))),
  peakRssMb: round(median(xs.map((s) => s.peakRssMb))),
  cpuMs: round(median(xs.map((s) => s.cpuMs))),
  requests: xs[0].requests,
  tunnels: xs[0].tunnels,
  stable: xs.every((s) => JSON.stringify([s.requests, s.tunnels]) === JSON.stringify([xs[0].requests, xs[0].tunnels]))
})

interface Row {
  rttMs: number
  cloud: CloudName
  action: ReturnType<typeof summarize>
  floor: ReturnType<typeof summarize>
  /** Median of the pair-by-pair action/floor ratios. */
  ratio: number
  ratios: number[]
}

const rows: Row[] = []
const waits: WaitCheck[] = []
const started = performance.now()
try {
  for (const rttMs of rtts) {
    const proxy = realNameProxy(sandbox, { rttMs })
    await proxy.start()
    try {
      for (const cloud of clouds) {
        const samples = { action: [] as Sample[], floor: [] as Sample[] }
        await measure(action, cloud, proxy)
        await measure(floor, cloud, proxy)
        for (let i = 0; i < pairs; i++) {
          samples.action.push(await measure(action, cloud, proxy))
          samples.floor.push(await measure(floor, cloud, proxy))
        }
        const ratios = samples.action.map((s, i) => round(s.wallMs / samples.floor[i].wallMs, 3))
        rows.push({
          rttMs,
          cloud,
          action: summarize(samples.action),
          floor: summarize(samples.floor),
          ratio: round(median(ratios), 2),
          ratios
        })
        const row = rows[rows.length - 1]
        process.stderr.write(`  ${rttMs} ms ${cloud}: ratio ${row.ratio}\n`)
      }
    } finally {
      await proxy.stop()
    }
  }
  if (values.waits) {
    waits.push(await measureWait('429 Retry-After: 1', faults.throttled(1)))
    waits.push(await measureWait('429 Retry-After: 2', faults.throttled(2)))
    waits.push(await measureWait('503 (backoff)', faults.unavailable(), SCIM_CREDENTIALS))
  }
} finally {
  await sandbox.stop()
  rmSync(probeDir, { recursive: true, force: true })
}

const distDir = values.dist ? resolve(values.dist) : join(PROJECT_ROOT, 'dist')
const distFiles = readdirSync(distDir).map((f) => ({ file: f, bytes: statSync(join(distDir, f)).size }))
const distBytes = distFiles.reduce((sum, f) => sum + f.bytes, 0)
const result = {
  node: nodeVersion,
  pairs,
  rows,
  waits,
  distBytes,
  distFiles: Object.fromEntries(distFiles.map((f) => [f.file, f.bytes]))
}

const requests = (s: ReturnType<typeof summarize>): string =>
  `${s.requests.oidc} / ${s.requests.entra} / ${s.requests.graph}${s.stable ? '' : ' (varied)'}`
console.log(
  `\nNode ${nodeVersion}, ${pairs} pairs per row (A B alternating after a warm-up pair), by the clouds' real host names ` +
    `through a CONNECT proxy; ${((performance.now() - started) / 1000).toFixed(0)} s\n`
)
const columns = [
  ['RTT', 6],
  ['cloud', 7],
  ['requests: action', 17],
  ['floor', 10],
  ['tunnels', 8],
  ['wall: action', 13],
  ['floor', 9],
  ['first request', 14],
  ['CPU: action/floor', 18],
  ['peak RSS', 12],
  ['action/floor', 13]
] as const
console.log(columns.map(([title, width], i) => (i < 2 ? title.padEnd(width) : title.padStart(width))).join(' '))
for (const row of rows) {
  const cells = [
    `${row.rttMs} ms`,
    row.cloud,
    requests(row.action),
    requests(row.floor),
    `${row.action.tunnels}/${row.floor.tunnels}`,
    `${row.action.wallMs} ms`,
    `${row.floor.wallMs} ms`,
    `${row.action.firstRequestMs}/${row.floor.firstRequestMs} ms`,
    `${row.action.cpuMs}/${row.floor.cpuMs} ms`,
    `${row.action.peakRssMb}/${row.floor.peakRssMb} MB`,
    String(row.ratio)
  ]
  console.log(cells.map((cell, i) => (i < 2 ? cell.padEnd(columns[i][1]) : cell.padStart(columns[i][1]))).join(' '))
}
if (waits.length > 0) {
  console.log('\nUnder throttling (wait announced in the log vs gap between the two Graph requests):')
  for (const wait of waits) {
    console.log(
      `  ${wait.fault.padEnd(20)} announced ${String(wait.announcedMs).padStart(5)} ms, observed ${String(wait.observedMs).padStart(5)} ms (${wait.observedMs >= wait.announcedMs ? '+' : '−'}${Math.abs(wait.observedMs - wait.announcedMs)} ms; the log rounds to 0.1 s)`
    )
  }
}
console.log(
  `dist/: ${(distBytes / 1024).toFixed(0)} KiB in ${distFiles.length} files (${distFiles.map((f) => `${f.file} ${(f.bytes / 1024).toFixed(0)} KiB`).join(', ')})`
)
console.log(JSON.stringify(result))
