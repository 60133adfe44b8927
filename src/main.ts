import { acquireAccessTokenUrl } from './graph.js'
import { callGraph, rehearseGraph, reportJobs } from './graph-step.js'
import type { AttemptClock } from './attempts.js'
import { docLink, DOC_CONTEXT, hintsFor } from './catalogue.js'
import { entraError } from './entra-error.js'
import type { EntraTokenRequest } from './entra.js'
import { explainMetadataFailure, isMetadataFailure } from './entra-metadata.js'
import { jobsOutput, jobsOutputShortfall } from './jobs.js'
import { checkLines, checksAfterFailure, rehearsalFailure } from './rehearsal.js'
import { ActionError, formatFailure, toActionError, type Stage } from './errors.js'
import { requestGitHubIdToken } from './github-oidc.js'
import type { SendHttp } from './http.js'
import { parseInputs, type ActionConfig, type InputReader } from './inputs.js'
import type { JobContext } from './job-context.js'
import { federationClaims } from './jwt.js'
import { guardRunner } from './guarded-runner.js'
import { maskingWarnings } from './credential-masking.js'
import { SecretRegistry } from './masking.js'
import { logFragment } from './sanitise.js'
import { renderSummary, type RunReport } from './summary.js'
import { configWarnings } from './warnings.js'

/** The parts of @actions/core the action uses, so tests can hand in a recording fake. */
export interface Runner {
  getInput: InputReader
  setSecret(secret: string): void
  setOutput(name: string, value: string): void
  info(message: string): void
  debug(message: string): void
  warning(message: string): void
  /** Fails the step with one `::error::` annotation; `title` heads it in the list of annotations. */
  setFailed(message: string, title: string): void
  writeSummary(markdown: string): Promise<void>
}

export interface Dependencies {
  runner: Runner
  env: NodeJS.ProcessEnv
  sendHttp: SendHttp
  /** `log` receives what the user should know while it runs (a throttling wait that was capped). */
  getEntraToken(request: EntraTokenRequest, githubIdToken: string, log: (message: string) => void): Promise<string>
  /** Starts loading what getEntraToken needs; called while the GitHub OIDC answer is awaited. */
  prepareEntra(): void
  /** The job's context (event, fork, workflow ref); read on failure paths only. */
  jobContext(): Promise<JobContext | undefined>
  clock: AttemptClock
  newClientRequestId(): string
  userAgent: string
}

/** Reads the inputs, gets the OIDC and Entra tokens, calls Graph, and reports; never throws. */
export async function run(given: Dependencies): Promise<void> {
  const secrets = new SecretRegistry((part) => given.runner.setSecret(part))
  // From here on, everything written goes through the guard: scrubbed, bounded, unable to forge a command.
  const runner = guardRunner(given.runner, secrets)
  const deps: Dependencies = { ...given, runner }
  const startedAt = deps.clock.now()
  const report: RunReport = {
    config: undefined,
    endpoint: '',
    status: '',
    requestId: '',
    clientRequestId: deps.newClientRequestId(),
    attempts: 0,
    errorCode: '',
    errorMessage: '',
    durationMs: 0,
    jobs: undefined,
    checks: []
  }
  let stage: Stage = 'inputs'
  let failureTitle = ''
  try {
    const config = readConfig(runner, secrets)
    report.config = config
    report.endpoint = acquireAccessTokenUrl(config)
    describe(runner, config)

    stage = 'GitHub OIDC'
    const idToken = await getGitHubToken(deps, config, secrets)

    stage = 'Entra'
    const accessToken = await exchangeToken(deps, config, idToken, secrets)

    stage = 'Graph'
    if (config.dryRun) {
      await rehearseGraph(deps, config, accessToken, report, secrets)
    } else {
      await callGraph(deps, config, accessToken, report, secrets)
      if (config.reportJobs) await reportJobs(deps, config, accessToken, report, secrets)
    }
  } catch (thrown) {
    // report.status stays what Graph answered (callGraph sets it): an Entra or OIDC status is not Graph's.
    let error = toActionError(thrown, stage)
    if (report.config?.dryRun && report.checks.length === 0) {
      // A rehearsal stopped before the Graph token still reports every check, and names the one that failed.
      report.checks = checksAfterFailure(stage, error)
      for (const line of checkLines(report.checks)) runner.info(line)
      error = rehearsalFailure(report.checks) ?? error
    }
    report.errorCode = error.code
    failureTitle = `${error.stage}: ${error.code}`
    // Scrubbed here as well as by the guard: the summary cuts and escapes the message before the guard sees it.
    report.errorMessage = secrets.redact(formatFailure(error))
  }
  report.durationMs = deps.clock.now() - startedAt
  // Outputs first, so later steps can branch on them even though this one fails.
  setOutputs(runner, report, secrets)
  await writeSummary(runner, report)
  if (report.errorCode) runner.setFailed(report.errorMessage, failureTitle)
}

function readConfig(runner: Runner, secrets: SecretRegistry): ActionConfig {
  const parsed = parseInputs(runner.getInput)
  // Mask before the first line is printed, even when the inputs are invalid.
  for (const secret of parsed.secrets) secrets.add(secret.value)
  for (const warning of maskingWarnings(parsed.secrets)) runner.warning(warning)
  if (!parsed.config) {
    throw new ActionError({
      stage: 'inputs',
      code: 'InvalidInput',
      message: `invalid input; nothing was sent anywhere.\n- ${parsed.problems.join('\n- ')}`,
      details: [['troubleshooting', docLink('invalid-input')]],
      hints: hintsFor('invalid-input', DOC_CONTEXT)
    })
  }
  return parsed.config
}

function describe(runner: Runner, config: ActionConfig): void {
  const keys = config.credentials.map((c) => c.key).join(', ') || 'none'
  runner.info(
    `Target: ${config.target.kind}/${config.target.id} in tenant ${config.tenantId} (${config.cloud.title}, Graph ${config.apiVersion})`
  )
  runner.info(`Credential keys: ${keys}`)
  for (const warning of configWarnings(config)) runner.warning(warning)
  runner.info(`Requesting the GitHub OIDC token for audience ${config.audience}`)
}

async function getGitHubToken(deps: Dependencies, config: ActionConfig, secrets: SecretRegistry): Promise<string> {
  const { runner } = deps
  const idToken = await requestGitHubIdToken({
    env: deps.env,
    audience: config.audience,
    timeoutMs: config.timeoutMs,
    send: deps.sendHttp,
    clock: deps.clock,
    log: (message) => runner.info(message),
    mask: (secret) => secrets.add(secret),
    onSent: () => deps.prepareEntra(),
    jobContext: () => deps.jobContext()
  })
  const presented = federationClaims(idToken)
  // Claims are the token service's text: quoted on one line, never able to start a line of their own.
  runner.debug(
    `GitHub OIDC token issuer "${logFragment(presented?.issuer ?? 'unknown')}" (claims only; the token is masked)`
  )
  runner.info(
    `GitHub OIDC token received (subject "${logFragment(presented?.subject ?? 'unknown')}", audience "${logFragment(presented?.audience ?? config.audience)}")`
  )
  return idToken
}

async function exchangeToken(
  deps: Dependencies,
  config: ActionConfig,
  idToken: string,
  secrets: SecretRegistry
): Promise<string> {
  const { runner } = deps
  runner.info(
    `Exchanging it at ${config.authorityHost}/${config.tenantId} for a token for ${config.graphEndpoint}/.default`
  )
  const started = deps.clock.now()
  try {
    const token = await deps.getEntraToken(config, idToken, (message) => runner.info(message))
    secrets.add(token)
    runner.info('Microsoft Graph token received')
    runner.debug(`Entra exchange took ${deps.clock.now() - started} ms`)
    return token
  } catch (thrown) {
    const explained = isMetadataFailure(thrown)
      ? ((await explainMetadataFailure(deps.sendHttp, config)) ?? thrown)
      : thrown
    throw entraError(explained, config, federationClaims(idToken), await deps.jobContext())
  }
}

function setOutputs(runner: Runner, report: RunReport, secrets: SecretRegistry): void {
  const outputs: Record<string, string> = {
    status: report.status,
    'request-id': report.requestId,
    'client-request-id': report.clientRequestId,
    endpoint: report.endpoint,
    attempts: String(report.attempts),
    'error-code': report.errorCode,
    'error-message': report.errorMessage
  }
  try {
    for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)
    // Scrubbed string by string and fitted by whole jobs, so the guard's bounds leave it valid JSON.
    const jobs = report.jobs ? jobsOutput(report.jobs, (text) => secrets.redact(text)) : ''
    runner.setOutput('jobs', jobs)
    const shortfall = report.jobs && jobsOutputShortfall(report.jobs, jobs)
    if (shortfall) runner.warning(shortfall)
  } catch (error) {
    // A runner whose GITHUB_OUTPUT file is gone: say so, and still end with the real result.
    runner.warning(`outputs not written: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function writeSummary(runner: Runner, report: RunReport): Promise<void> {
  try {
    await runner.writeSummary(renderSummary(report))
  } catch (error) {
    // Outside the runner there is no summary file; the log already says everything.
    runner.debug(`job summary not written: ${error instanceof Error ? error.message : String(error)}`)
  }
}
