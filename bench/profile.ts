import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isolatedDist, PROJECT_ROOT, runStep } from '../sandbox/actions-runner.js'
import { Sandbox } from '../sandbox/sandbox.js'

/**
 * `npm run bench:profile [-- --runs N] [--dist DIR]`: successful runs of dist/index.js (or another build) under
 * `node --cpu-prof`, summarised with the median of each figure over the runs: where the CPU time goes, by file of
 * the bundle (and Node's own start-up), and the heaviest functions. Answers "what is the cost made of", and what a
 * lever changed when two builds are profiled one after the other.
 */
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, dist: { type: 'string' } } })
const runs = Math.max(1, Number(values.runs))

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const node = join(
  execFileSync('bash', [join(PROJECT_ROOT, 'scripts', 'node24.sh')], { encoding: 'utf8' }).trim(),
  'node'
)
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const sandbox = await Sandbox.start()
const dir = mkdtempSync(join(tmpdir(), 'entra-profile-'))
let entry = isolatedDist()
if (values.dist) {
  cpSync(resolve(values.dist), join(dir, 'dist'), { recursive: true })
  entry = join(dir, 'dist', 'index.js')
}

/** Self time in microseconds by file and by function, total sampled, and the wall time of one run. */
interface RunProfile {
  byFile: Map<string, number>
  byFunction: Map<string, number>
  total: number
  wall: number
}

async function profileOnce(run: number): Promise<RunProfile> {
  sandbox.reset()
  const profiles = join(dir, `profile-${run}`)
  const step = await runStep({
    entry,
    node,
    inputs: sandbox.inputs(),
    env: { ...sandbox.runnerEnv(), NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles} --cpu-prof-interval=100` }
  })
  if (step.exitCode !== 0) throw new Error(step.stdout)
  const profile = JSON.parse(readFileSync(join(profiles, readdirSync(profiles)[0]), 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const byFile = new Map<string, number>()
  const byFunction = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame
    const file = frame.url ? basename(frame.url) : `(${frame.functionName || 'native'})`
    byFile.set(file, (byFile.get(file) ?? 0) + us)
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us)
  }
  return { byFile, byFunction, total: [...selfUs.values()].reduce((a, b) => a + b, 0), wall: step.durationMs }
}

try {
  const samples: RunProfile[] = []
  for (let i = 0; i < runs; i++) samples.push(await profileOnce(i))
  const medianOf = (pick: (s: RunProfile) => Map<string, number>): Map<string, number> => {
    const names = new Set(samples.flatMap((s) => [...pick(s).keys()]))
    return new Map([...names].map((name) => [name, median(samples.map((s) => pick(s).get(name) ?? 0))]))
  }
  const total = median(samples.map((s) => s.total))
  const busy = median(samples.map((s) => s.total - (s.byFile.get('((idle))') ?? 0)))
  const show = (title: string, entries: Map<string, number>, count: number): void => {
    console.log(`\n${title}`)
    for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(
        `  ${(us / 1000).toFixed(1).padStart(7)} ms  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`
      )
    }
  }
  console.log(
    `CPU profile of ${runs} successful run(s) of ${values.dist ?? 'dist'} (Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}), medians: ${(total / 1000).toFixed(1)} ms sampled, ${(busy / 1000).toFixed(1)} ms busy (not idle), wall ${median(samples.map((s) => s.wall)).toFixed(0)} ms`
  )
  show(
    'Self time by file',
    medianOf((s) => s.byFile),
    12
  )
  show(
    'Heaviest functions (self time)',
    medianOf((s) => s.byFunction),
    15
  )
} finally {
  await sandbox.stop()
  rmSync(dir, { recursive: true, force: true })
}
