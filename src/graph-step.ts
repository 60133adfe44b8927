import { sendWithRetries } from './attempts.js'
import {
  buildGraphRequest,
  deprecationWarning,
  graphResponseError,
  graphTransportError,
  isSuccess,
  sendsAuthorizationCode,
  type GraphFailureContext
} from './graph.js'
import { graphRequestId } from './graph-error.js'
import { readGraphToken } from './graph-token.js'
import type { SendHttp } from './http.js'
import type { ActionConfig } from './inputs.js'
import {
  buildJobsRequest,
  describeJob,
  omittedNote,
  quarantinedJobs,
  quarantineWarning,
  readJobs,
  type JobsListing
} from './jobs.js'
import type { Dependencies, Runner } from './main.js'
import type { SecretRegistry } from './masking.js'
import { checkLines, rehearse, rehearsalFailure } from './rehearsal.js'
import { logFragment } from './sanitise.js'
import type { RunReport } from './summary.js'

/**
 * The Graph step, in its three forms: the real call, the dry-run's read-only rehearsal, and the jobs report after a
 * real call. Each writes what Graph answered into the run's report.
 */

/** The real call: POST acquireAccessToken with retries; a failure is thrown as the catalogue diagnoses it. */
export async function callGraph(
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
  report.requestId = graphRequestId(response.headers)
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
export async function rehearseGraph(
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
export async function reportJobs(
  deps: Dependencies,
  config: ActionConfig,
  accessToken: string,
  report: RunReport,
  secrets: SecretRegistry
): Promise<void> {
  const { runner } = deps
  const request = buildJobsRequest(config, accessToken, report.clientRequestId, deps.userAgent)
  runner.info(`GET ${request.url} (report-jobs)`)
  const notListed = (problem: string): void =>
    runner.warning(`Provisioning jobs not listed (${logFragment(problem)}); the authorization itself succeeded.`)
  try {
    // One attempt: the authorization is done; a slow or throttled Graph only costs the listing.
    const read = await readJobs(scrubbedSender(deps.sendHttp, secrets), request, 1, deps.clock, (m) => runner.info(m))
    if (!read.ok) return notListed(read.problem)
    report.jobs = read.listing
    showJobs(runner, read.listing)
  } catch (error) {
    notListed(error instanceof Error ? error.message : String(error))
  }
}

function showJobs(runner: Runner, listing: JobsListing): void {
  if (listing.jobs.length === 0) runner.info('The target has no provisioning jobs')
  for (const job of listing.jobs) runner.info(`Provisioning job ${logFragment(describeJob(job))}`)
  for (const job of quarantinedJobs(listing)) runner.warning(logFragment(quarantineWarning(job)))
  const omitted = omittedNote(listing)
  if (omitted) runner.warning(`Provisioning jobs: ${omitted}.`)
}
