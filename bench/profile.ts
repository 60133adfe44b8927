import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { PROJECT_ROOT, runStep } from '../sandbox/actions-runner.js'
import { Sandbox } from '../sandbox/sandbox.js'

/**
 * `npm run bench:profile`: one successful run of dist/index.js under `node --cpu-prof`, summarised: where the CPU
 * time goes, by file of the bundle (and Node's own start-up), and the heaviest functions. Answers "what is the
 * cost made of".
 */
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
const sandbox = await Sandbox.start()
const dir = mkdtempSync(join(tmpdir(), 'entra-profile-'))
try {
  const run = await runStep({
    node,
    inputs: sandbox.inputs(),
    env: { ...sandbox.runnerEnv(), NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=100` }
  })
  if (run.exitCode !== 0) throw new Error(run.stdout)
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0)
  const byFile = new Map<string, number>()
  const byFunction = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame
    const file = frame.url ? basename(frame.url) : `(${frame.functionName || 'native'})`
    byFile.set(file, (byFile.get(file) ?? 0) + us)
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us)
  }
  const show = (title: string, entries: Map<string, number>, count: number): void => {
    console.log(`\n${title}`)
    for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(
        `  ${(us / 1000).toFixed(1).padStart(7)} ms  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`
      )
    }
  }
  console.log(
    `CPU profile of one successful run (Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}): ${(total / 1000).toFixed(1)} ms sampled, wall ${run.durationMs.toFixed(0)} ms`
  )
  show('Self time by file', byFile, 12)
  show('Heaviest functions (self time)', byFunction, 15)
} finally {
  await sandbox.stop()
  rmSync(dir, { recursive: true, force: true })
}
