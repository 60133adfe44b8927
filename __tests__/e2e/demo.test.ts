import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'
import { DEMO_CREDENTIALS, SCENARIOS } from '../../sandbox/scenarios.js'
import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()
const demoSecrets = DEMO_CREDENTIALS.split('\n')
  .filter((line) => line.includes('=') && !line.startsWith('#'))
  .map((line) => line.slice(line.indexOf('=') + 1).trim())

describe('every demo scenario ends as it says', () => {
  it.each(Object.entries(SCENARIOS))('%s', async (_name, scenario) => {
    const setup = scenario.arrange(sandbox())
    const run = await runAction(
      sandbox(),
      { credentials: DEMO_CREDENTIALS, ...setup.inputs },
      setup.env ?? {},
      demoSecrets
    )
    expect(run.outputs['error-code']).toBe(scenario.expectedErrorCode)
    expect(run.exitCode).toBe(scenario.expectedErrorCode === '' ? 0 : 1)
    expect(run.errors).toHaveLength(scenario.expectedErrorCode === '' ? 0 : 1)
  })
})

describe('npm run demo', () => {
  const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const demo = (...args: string[]) =>
    promisify(execFile)(process.execPath, [tsx, join(PROJECT_ROOT, 'sandbox', 'demo.ts'), ...args], {
      cwd: PROJECT_ROOT
    })

  it('replays a failure and shows the masked log, the outputs and the summary', async () => {
    const { stdout } = await demo('--fail', 'subject-mismatch')
    expect(stdout).toContain('── Job log (as GitHub shows it, masks applied) ──')
    expect(stdout).toContain(
      'Error: Entra: could not exchange the GitHub OIDC token for a Microsoft Graph token: AADSTS700213'
    )
    expect(stdout).toMatch(/error-code\s+AADSTS700213/)
    expect(stdout).toContain('(as this scenario expects)')
    for (const secret of demoSecrets) expect(stdout).not.toContain(secret)
  })

  it('accepts the scenario name without --fail, and prints nothing on stderr', async () => {
    const { stdout, stderr } = await demo('subject-mismatch')
    expect(stdout).toMatch(/error-code\s+AADSTS700213/)
    expect(stdout).toContain('(as this scenario expects)')
    expect(stderr).toBe('')
  })

  it('shows the ##[debug] lines with --debug, and none without', async () => {
    const plain = await demo()
    const debug = await demo('--debug')
    expect(plain.stdout).not.toContain('##[debug]')
    expect(debug.stdout).toContain('Debug logging: on (RUNNER_DEBUG=1)')
    expect(debug.stdout).toMatch(/##\[debug\]Graph response: HTTP 204/)
  })

  it('answers an unknown option with the usage, not a stack trace', async () => {
    const failure = await demo('--verbose').catch((error: { code: number; stderr: string }) => error)
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run demo -- [SCENARIO]') })
    expect((failure as { stderr: string }).stderr).not.toMatch(/\n\s+at /)
  })

  it('rejects an unknown scenario and lists the known ones', async () => {
    const failure = await demo('--fail', 'nope').catch((error: { code: number; stderr: string }) => error)
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('subject-mismatch') })
  })
})
