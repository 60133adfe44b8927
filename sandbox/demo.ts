import { parseArgs } from 'node:util'
import { runStep, type StepRun } from './actions-runner.js'
import { Sandbox } from './sandbox.js'
import { DEMO_CREDENTIALS, SCENARIOS } from './scenarios.js'

/**
 * `npm run demo [-- --fail NAME] [--debug] [--list]`: starts the sandbox, runs dist/index.js as the runner would,
 * and prints what the workflow log would show, the outputs and the job summary. Then stops everything.
 */
const { values } = parseArgs({
  options: {
    fail: { type: 'string' },
    debug: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false }
  }
})

if (values.list) {
  for (const [name, scenario] of Object.entries(SCENARIOS)) console.log(`${name.padEnd(20)} ${scenario.description}`)
  process.exit(0)
}
const name = values.fail ?? 'success'
const scenario = SCENARIOS[name]
if (!scenario) {
  console.error(`unknown scenario "${name}"; one of: ${Object.keys(SCENARIOS).join(', ')}`)
  process.exit(2)
}

const sandbox = await Sandbox.start()
try {
  const setup = scenario.arrange(sandbox)
  const inputs = { ...sandbox.inputs(), credentials: DEMO_CREDENTIALS, ...setup.inputs }
  console.log(`Scenario: ${name}: ${scenario.description}`)
  console.log(
    `Sandbox: GitHub OIDC ${sandbox.github.party.url()}, Entra ${sandbox.entra.party.url()}, Graph ${sandbox.graph.party.url()}\n`
  )
  console.log('- uses: ./   # with:')
  for (const [input, value] of Object.entries(inputs)) {
    // In a workflow the credentials come from a secret; the demo shows where, not the sample values.
    const shown =
      input === 'credentials' ? '${{ secrets.PROVISIONING_CREDENTIALS }}   # Key=Value lines, masked in the log' : value
    console.log(`    ${input}: ${shown}`)
  }
  const run = await runStep({
    inputs,
    env: { ...sandbox.runnerEnv(), ...(values.debug ? { RUNNER_DEBUG: '1' } : {}), ...setup.env }
  })
  printRun(run)
  console.log('\nRequests the sandbox received:')
  for (const party of sandbox.parties()) {
    for (const request of party.requests)
      console.log(`  ${party.name.padEnd(12)} ${request.method} ${request.url.split('?')[0]}`)
  }
  const code = run.outputs['error-code'] ?? ''
  const asExpected = code === scenario.expectedErrorCode
  console.log(
    `\nexit code ${run.exitCode}; error-code "${code}" ${asExpected ? '(as this scenario expects)' : `(expected "${scenario.expectedErrorCode}")`}`
  )
  process.exitCode = asExpected ? 0 : 1
} finally {
  await sandbox.stop()
}

function printRun(run: StepRun): void {
  console.log('\n── Job log (as GitHub shows it, masks applied) ──')
  for (const line of run.log.lines) console.log(`  ${renderCommand(line)}`)
  for (const line of run.stderr.split('\n').filter(Boolean)) console.log(`  [stderr] ${line}`)
  console.log('\n── Outputs ──')
  for (const [name, value] of Object.entries(run.outputs)) {
    console.log(`  ${name.padEnd(18)} ${value.includes('\n') ? `${value.split('\n')[0]} …` : value}`)
  }
  console.log('\n── Job summary ──')
  for (const line of run.summary.split('\n').filter((l) => l && l !== '| | |' && l !== '|---|---|')) {
    console.log(
      `  ${line.replace(/^\| (.*?) \| (.*) \|$/, (_m, k: string, v: string) => `${k.padEnd(18)} ${v.replace(/<br>/g, '\n' + ' '.repeat(21))}`)}`
    )
  }
}

function renderCommand(line: string): string {
  const command = /^::(error|warning|notice|debug)(?: [^:]*)?::(.*)$/.exec(line)
  if (!command) return line
  const [, kind, message] = command
  const text = message.replace(/%0A/g, '\n    ').replace(/%0D/g, '').replace(/%25/g, '%')
  return kind === 'debug'
    ? `##[debug]${text}`
    : `${kind === 'error' ? 'Error' : kind === 'warning' ? 'Warning' : 'Notice'}: ${text}`
}
