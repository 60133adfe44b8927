import {
  acquireAccessTokenUrl,
  buildGraphRequest,
  deprecationWarning,
  graphResponseError,
  graphTransportError,
  isSuccess,
  sendsAuthorizationCode,
  type GraphFailureContext
} from './graph.js'
import { readGraphToken } from './graph-token.js'
import { sendWithRetries, type AttemptClock } from './attempts.js'
import { docLink, DOC_CONTEXT, hintsFor } from './catalogue.js'
import { entraError } from './entra-error.js'
import type { EntraTokenRequest } from './entra.js'
import { explainMetadataFailure, isMetadataFailure } from './entra-metadata.js'
import {
  buildJobsRequest,
  describeJob,
  jobsOutput,
  quarantinedJobs,
  quarantineWarning,
  readJobs,
  type JobsListing
} from './jobs.js'
import { checkLines, checksAfterFailure, rehearse, rehearsalFailure } from './rehearsal.js'
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
  setFailed(message: string): void
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
    // Scrubbed here as well as by the guard: the summary cuts and escapes the message before the guard sees it.
    report.errorMessage = secrets.redact(formatFailure(error))
  }
  report.durationMs = deps.clock.now() - startedAt
  // Outputs first, so later steps can branch on them even though this one fails.
  setOutputs(runner, report, secrets)
  await writeSummary(runner, report)
  if (report.errorCode) runner.setFailed(report.errorMessage)
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

async function callGraph(
  deps: Dependencies,
  config: ActionConfig,
  accessToken: string,
  report: RunReport,
  secrets: SecretRegistry
): Promise<void> {
  const { runner } = deps
  const request = buildGraphRequest(config, accessToken, report.clientRequestId, deps.userAgent)
  runner.info(`POST ${request.url} (client-request-id ${report.clientRequestId})`)
  const result = await sendWithRetries(
    scrubbedSender(deps.sendHttp, secrets),
    request,
    config.maxAttempts,
    deps.clock,
    (m) => runner.info(m),
    'Graph',
    sendsAuthorizationCode(config)
  )
  report.attempts = result.attempts
  const { response } = result
  const call = { method: request.method, url: request.url, operation: 'acquireAccessToken' }
  // The evidence is gathered only when something failed: the success path decodes nothing.
  const failure = (): GraphFailureContext => ({
    config,
    clientRequestId: report.clientRequestId,
    token: readGraphToken(accessToken),
    outcomeUnknown: result.outcomeUnknown,
    now: deps.clock.now()
  })
  if (!response) throw graphTransportError(result.transportError!, call, failure())
  report.status = String(response.status)
  report.requestId = logFragment(response.headers['request-id'] ?? '', 100)
  runner.debug(
    `Graph response: HTTP ${response.status}, date ${logFragment(response.headers['date'] ?? 'none', 100)}, ` +
      `x-ms-ags-diagnostic ${logFragment(response.headers['x-ms-ags-diagnostic'] ?? 'none')}`
  )
  const deprecation = deprecationWarning(response, config)
  if (deprecation) runner.warning(deprecation)
  if (!isSuccess(response)) throw graphResponseError(response, call, failure())
  runner.info(
    `Graph answered ${response.status}: provisioning is authorized (request-id ${report.requestId || 'none'})`
  )
}

/**
 * Graph may echo credentials it was sent, in any encoding: its answers are scrubbed before anything reads or cuts
 * them, JSON value by value so they still parse.
 */
function scrubbedSender(send: SendHttp, secrets: SecretRegistry): SendHttp {
  return async (request) => {
    const response = await send(request)
    return { ...response, body: secrets.redactBody(response.body) }
  }
}

/** dry-run: every check in the log and summary, the jobs it read; fails on the first failed check. */
async function rehearseGraph(
  deps: Dependencies,
  config: ActionConfig,
  accessToken: string,
  report: RunReport,
  secrets: SecretRegistry
): Promise<void> {
  const { runner } = deps
  const rehearsal = await rehearse(
    {
      send: scrubbedSender(deps.sendHttp, secrets),
      clock: deps.clock,
      log: (m) => runner.info(m),
      userAgent: deps.userAgent
    },
    config,
    accessToken,
    report.clientRequestId
  )
  report.checks = rehearsal.checks
  report.jobs = rehearsal.listing
  report.status = rehearsal.status
  report.requestId = rehearsal.requestId
  report.attempts = rehearsal.attempts
  for (const line of checkLines(rehearsal.checks)) runner.info(line)
  if (rehearsal.listing) showJobs(runner, rehearsal.listing)
  const failure = rehearsalFailure(rehearsal.checks)
  if (failure) throw failure
}

/** report-jobs: after a 204, the jobs' state; nothing here can turn the authorization into a failure. */
async function reportJobs(
  deps: Dependencies,
  config: ActionConfig,
  accessToken: string,
  report: RunReport,
  secrets: SecretRegistry
): Promise<void> {
  const { runner } = deps
  const request = buildJobsRequest(config, accessToken, report.clientRequestId, deps.userAgent)
  runner.info(`GET ${request.url} (report-jobs)`)
  try {
    // One attempt: the authorization is done; a slow or throttled Graph only costs the listing.
    const read = await readJobs(scrubbedSender(deps.sendHttp, secrets), request, 1, deps.clock, (m) => runner.info(m))
    if (!read.ok) {
      runner.warning(`Provisioning jobs not listed (${logFragment(read.problem)}); the authorization itself succeeded.`)
      return
    }
    report.jobs = read.listing
    showJobs(runner, read.listing)
  } catch (error) {
    runner.warning(
      `Provisioning jobs not listed (${logFragment(error instanceof Error ? error.message : String(error))}); the authorization itself succeeded.`
    )
  }
}

function showJobs(runner: Runner, listing: JobsListing): void {
  if (listing.jobs.length === 0) runner.info('The target has no provisioning jobs')
  for (const job of listing.jobs) runner.info(`Provisioning job ${logFragment(describeJob(job))}`)
  for (const job of quarantinedJobs(listing)) runner.warning(logFragment(quarantineWarning(job)))
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
    runner.setOutput('jobs', report.jobs ? jobsOutput(report.jobs, (text) => secrets.redact(text)) : '')
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
