import { parseArgs } from 'node:util'
import { runStep, type StepRun } from './actions-runner.js'
import { Sandbox } from './sandbox.js'
import { DEMO_CREDENTIALS, SCENARIOS } from './scenarios.js'

/**
 * `npm run demo`: starts the sandbox, runs dist/index.js as the runner would, and prints what the workflow log
 * would show, the outputs and the job summary. Then stops everything.
 */
const USAGE = `Usage: npm run demo -- [SCENARIO] [--debug]     run one scenario (default: success)
       npm run demo -- --fail SCENARIO [--debug]
       npm run demo -- --list                        every scenario, one line each

  --debug   run the step with RUNNER_DEBUG=1, as GitHub does when a run is re-run with debug logging:
            the log then shows the ##[debug] lines (token issuer, Entra timing, Graph response headers)`

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

function parseDemoArgs() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        fail: { type: 'string' },
        debug: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    // parseArgs throws for an unknown option; a usage line helps more than its stack trace.
    return usageError(error instanceof Error ? error.message : String(error))
  }
}
const { values, positionals } = parseDemoArgs()

if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
if (values.list) {
  for (const [name, scenario] of Object.entries(SCENARIOS)) console.log(`${name.padEnd(20)} ${scenario.description}`)
  process.exit(0)
}
if (positionals.length > 1 || (positionals.length === 1 && values.fail !== undefined)) {
  usageError(`name one scenario, not ${[values.fail, ...positionals].filter(Boolean).join(' and ')}`)
}
const name = values.fail ?? positionals[0] ?? 'success'
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
  if (values.debug) console.log('Debug logging: on (RUNNER_DEBUG=1), so the log shows the ##[debug] lines')
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
  printRun(run, values.debug)
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

/** GitHub hides `::debug::` lines unless debug logging is on; so does the demo. */
function printRun(run: StepRun, debug: boolean): void {
  console.log('\n── Job log (as GitHub shows it, masks applied) ──')
  const shown = run.log.lines.filter((line) => debug || !line.startsWith('::debug::'))
  for (const line of shown) console.log(`  ${renderCommand(line)}`)
  const hidden = run.log.lines.length - shown.length
  if (hidden > 0) console.log(`  (${hidden} debug lines hidden, as on GitHub; --debug shows them)`)
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
