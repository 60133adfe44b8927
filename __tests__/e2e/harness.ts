import { findLeaks, runStep, type StepRun } from '../../sandbox/actions-runner.js'
import { Sandbox } from '../../sandbox/sandbox.js'

/** Credential values used by the scenarios: long and distinctive, so a leak cannot hide. */
export const CODE = 'M.C507_BAY.2.U.8f9e7d6c-5b4a-3f2e-1d0c-authcode'
export const CLIENT_SECRET = 'Zx8Q~client-secret-4a4b4c4d4e4f'
export const MULTILINE = 'multi-line-secret-first\nmulti-line-secret-second'
export const REDIRECT_URI = 'https://portal.azure.com/TokenAuthorize'
export const CREDENTIALS = `# from the connector's consent page
Oauth2AuthorizationCode=${CODE}
oauth2clientsecret = ${CLIENT_SECRET}
Oauth2RedirectUri=${REDIRECT_URI}`

export interface ScenarioRun extends StepRun {
  /** Requests each party received during this run. */
  requests: { oidc: number; entra: number; graph: number }
  errors: string[]
  warnings: string[]
}

/**
 * Runs the committed action against the sandbox with RUNNER_DEBUG=1 and fails the test if any secret the run
 * involved is visible in the log, an output or the job summary, as is or echoed (JSON-escaped, URL-encoded, base64).
 */
export async function runAction(
  sandbox: Sandbox,
  inputs: Record<string, string> = {},
  env: Record<string, string | undefined> = {},
  extraSecrets: string[] = []
): Promise<ScenarioRun> {
  const before = sandbox.parties().map((p) => p.requests.length)
  const run = await runStep({
    inputs: { ...sandbox.inputs(), credentials: CREDENTIALS, ...inputs },
    env: { ...sandbox.runnerEnv(), RUNNER_DEBUG: '1', ...env }
  })
  const leaks = findLeaks(run, [
    ...sandbox.issuedSecrets(),
    CODE,
    CLIENT_SECRET,
    REDIRECT_URI,
    ...MULTILINE.split('\n'),
    ...extraSecrets
  ])
  if (leaks.length > 0)
    throw new Error(`secrets leaked:\n${leaks.join('\n')}\n--- log ---\n${run.log.lines.join('\n')}`)
  const [oidc, entra, graph] = sandbox.parties().map((p, i) => p.requests.length - before[i])
  return {
    ...run,
    requests: { oidc, entra, graph },
    errors: run.log.commands.filter((c) => c.name === 'error').map((c) => c.message),
    warnings: run.log.commands.filter((c) => c.name === 'warning').map((c) => c.message)
  }
}

/** One sandbox per test file, reset before each test. */
export function useSandbox(hostNames: string[] = []): () => Sandbox {
  let sandbox: Sandbox | undefined
  beforeAll(async () => {
    sandbox = await Sandbox.start({ hostNames })
  })
  beforeEach(() => sandbox?.reset())
  afterAll(async () => {
    await sandbox?.stop()
  })
  return () => {
    if (!sandbox) throw new Error('sandbox not started')
    return sandbox
  }
}

/** Milliseconds between consecutive requests a party received. */
export function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i])
}
