import { sendWithRetries, type AttemptClock } from './attempts.js'
import { parseGraphError } from './graph-error.js'
import type { HttpRequest, HttpResponse, SendHttp, TransportError } from './http.js'
import type { ActionConfig } from './inputs.js'
import { parseJsonObject } from './json.js'
import { MAX_OUTPUT_CHARS } from './sanitise.js'

/*
 * The provisioning jobs of the target, read with Graph's list call on the same object acquireAccessToken writes to:
 * GET /{v1.0|beta}/{servicePrincipals|applications}/{id}/synchronization/jobs, 200 with a synchronizationJob
 * collection (https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs; the applications path
 * is Get-MgApplicationSynchronizationJob in Graph's PowerShell SDK). Shapes:
 * https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationjob,
 * …/resources/synchronization-synchronizationstatus (code: NotConfigured, NotRun, Active, Paused, Quarantine),
 * …/resources/synchronization-synchronizationquarantine (reason, currentBegan, nextAttempt, seriesBegan, seriesCount,
 * error), …/resources/synchronization-synchronizationtaskexecution (state: Succeeded, Failed, EntryLevelErrors;
 * timeBegan, timeEnded, error) and …/resources/synchronization-synchronizationerror (code, message, tenantActionable).
 *
 * Every field is untrusted: identifiers and enum values must look like identifiers, times like ISO 8601, URLs like
 * https URLs without credentials; anything else becomes null. Free text is cut to a bound here and escaped for its
 * destination by the renderers below.
 */

/** Jobs kept from one answer; a target has one job per connector in practice, so more is a hostile answer. */
export const MAX_JOBS = 20
/** Characters kept of a server-sent message (a quarantine or run error). */
export const MAX_MESSAGE = 300

export interface JobError {
  code: string | null
  message: string | null
  tenantActionable: boolean | null
}

export interface JobRun {
  state: string | null
  timeBegan: string | null
  timeEnded: string | null
  error: JobError | null
}

export interface JobQuarantine {
  reason: string | null
  currentBegan: string | null
  seriesBegan: string | null
  seriesCount: number | null
  nextAttempt: string | null
  error: JobError | null
}

/** One synchronizationJob, reduced to what a person or a later step acts on. This is the `jobs` output's item. */
export interface ProvisioningJob {
  id: string | null
  templateId: string | null
  status: string | null
  quarantine: JobQuarantine | null
  lastExecution: JobRun | null
  lastSuccessfulExecution: JobRun | null
  troubleshootingUrl: string | null
}

export interface JobsListing {
  /** At most MAX_JOBS, quarantined jobs first, so a later step that looks for a quarantine sees one if any exists. */
  jobs: ProvisioningJob[]
  /** Items beyond MAX_JOBS, or that were not objects. */
  omitted: number
  /** Of the omitted items, those whose status is Quarantine. */
  omittedQuarantined: number
  /** Graph announced another page (@odata.nextLink), which the action does not follow. */
  morePages: boolean
}

export function jobsUrl(config: Pick<ActionConfig, 'graphEndpoint' | 'apiVersion' | 'target'>): string {
  const { graphEndpoint, apiVersion, target } = config
  return `${graphEndpoint}/${apiVersion}/${target.kind}/${encodeURIComponent(target.id)}/synchronization/jobs`
}

/** The read-only request: no body, nothing the credentials input holds. */
export function buildJobsRequest(
  config: ActionConfig,
  accessToken: string,
  clientRequestId: string,
  userAgent: string
): HttpRequest {
  return buildGraphGet(jobsUrl(config), config, accessToken, clientRequestId, userAgent)
}

/** A read-only Graph request to `url` with the run's token and ids (the rehearsal's reads). */
export function buildGraphGet(
  url: string,
  config: Pick<ActionConfig, 'timeoutMs'>,
  accessToken: string,
  clientRequestId: string,
  userAgent: string
): HttpRequest {
  return {
    method: 'GET',
    url,
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: 'application/json',
      'client-request-id': clientRequestId,
      'return-client-request-id': 'true',
      'user-agent': userAgent
    },
    timeoutMs: config.timeoutMs
  }
}

/** What reading the jobs came to: the listing, or the answer (or its absence) that is not one. */
export type JobsRead =
  | { ok: true; listing: JobsListing; response: HttpResponse; attempts: number }
  | {
      ok: false
      response: HttpResponse | undefined
      transportError: TransportError | undefined
      problem: string
      attempts: number
    }

/** Sends the list request (retrying what is transient, like the real call) and reads the answer. */
export async function readJobs(
  send: SendHttp,
  request: HttpRequest,
  maxAttempts: number,
  clock: AttemptClock,
  log: (message: string) => void
): Promise<JobsRead> {
  const { response, transportError, attempts } = await sendWithRetries(send, request, maxAttempts, clock, log, 'Graph')
  const failure = (problem: string): JobsRead => ({ ok: false, response, transportError, problem, attempts })
  if (!response) return failure(`no response: ${transportError?.message ?? 'unknown'}`)
  if (response.status !== 200) return failure(describeStatus(response))
  if (response.truncatedAt !== undefined) return failure(`HTTP 200, but ${truncatedAnswer(response.truncatedAt)}`)
  const parsed = parseJobs(response.body)
  if ('problem' in parsed) return failure(`HTTP 200, but ${parsed.problem}`)
  return { ok: true, listing: parsed, response, attempts }
}

/** A cut body would fail to parse, and "not a JSON object" would blame the sender for the action's own limit. */
function truncatedAnswer(limitBytes: number): string {
  return `the answer was larger than ${limitBytes / (1024 * 1024)} MiB and was cut, so it was not read`
}

/** `HTTP 403 Authorization_RequestDenied: …` from Graph's error JSON, or the status alone. */
/** A Graph error answer on one line: status, code and message, bounded. */
export function describeStatus(response: HttpResponse): string {
  const info = parseGraphError(response)
  const message = boundedText(info.message ?? info.bodyExcerpt)
  return `HTTP ${response.status}${info.code ? ` ${identifier(info.code) ?? '(unreadable code)'}` : ''}${message ? `: ${message}` : ''}`
}

/** The jobs in a 200 answer, or why the body is not a synchronizationJob collection. */
export function parseJobs(body: string): JobsListing | { problem: string } {
  const root = parseJsonObject(body)
  if (!root) return { problem: 'the body is not a JSON object' }
  if (!Array.isArray(root.value)) return { problem: 'the JSON has no "value" array of jobs' }
  const items = root.value as unknown[]
  const objects = items.filter(isObject)
  // Quarantined first: the jobs kept, and the jobs output, then hold every quarantine they have room for.
  const quarantined = objects.filter(isQuarantined)
  const kept = [...quarantined, ...objects.filter((item) => !isQuarantined(item))].slice(0, MAX_JOBS)
  const jobs = kept.map((item) => parseJob(item))
  return {
    jobs,
    omitted: items.length - jobs.length,
    omittedQuarantined: quarantined.length - Math.min(quarantined.length, MAX_JOBS),
    morePages: root['@odata.nextLink'] !== undefined
  }
}

function isQuarantined(item: Record<string, unknown>): boolean {
  return isObject(item.status) && item.status.code === 'Quarantine'
}

function parseJob(item: Record<string, unknown>): ProvisioningJob {
  const status = isObject(item.status) ? item.status : {}
  return {
    id: identifier(item.id),
    templateId: identifier(item.templateId),
    status: identifier(status.code),
    quarantine: isObject(status.quarantine) ? parseQuarantine(status.quarantine) : null,
    lastExecution: isObject(status.lastExecution) ? parseRun(status.lastExecution) : null,
    lastSuccessfulExecution: isObject(status.lastSuccessfulExecution) ? parseRun(status.lastSuccessfulExecution) : null,
    troubleshootingUrl: httpsUrl(status.troubleshootingUrl)
  }
}

function parseQuarantine(value: Record<string, unknown>): JobQuarantine {
  const count = value.seriesCount
  return {
    reason: identifier(value.reason),
    currentBegan: timestamp(value.currentBegan),
    seriesBegan: timestamp(value.seriesBegan),
    seriesCount: typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : null,
    nextAttempt: timestamp(value.nextAttempt),
    error: isObject(value.error) ? parseError(value.error) : null
  }
}

function parseRun(value: Record<string, unknown>): JobRun {
  return {
    state: identifier(value.state),
    timeBegan: timestamp(value.timeBegan),
    timeEnded: timestamp(value.timeEnded),
    error: isObject(value.error) ? parseError(value.error) : null
  }
}

function parseError(value: Record<string, unknown>): JobError {
  return {
    code: identifier(value.code),
    message: boundedText(value.message),
    tenantActionable: typeof value.tenantActionable === 'boolean' ? value.tenantActionable : null
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Job ids look like `contosoapp.0f1e….8442fd39-…`; enum values are words. */
function identifier(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/.test(value) ? value : null
}

function timestamp(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? value
    : null
}

function httpsUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : null
  } catch {
    return null
  }
}

/** Free text on one line: control and format characters become spaces, runs of space fold, the length is bounded. */
function boundedText(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (text === '') return null
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text
}

/** Jobs whose status is Quarantine: what provisioning is not doing although it is authorized. */
export function quarantinedJobs(listing: JobsListing): ProvisioningJob[] {
  return listing.jobs.filter((job) => job.status === 'Quarantine')
}

/** A job's state on one line of plain text (the caller neutralises it for the log). */
export function describeJob(job: ProvisioningJob): string {
  const parts = [
    `${job.id ?? '(no readable id)'} (template ${job.templateId ?? 'unknown'}): ${job.status ?? 'unknown'}`
  ]
  if (job.lastExecution) parts.push(`last run ${describeRun(job.lastExecution)}`)
  if (job.quarantine) parts.push(`quarantined: ${describeQuarantine(job.quarantine)}`)
  return parts.join('; ')
}

/** The warning for a quarantined job: the reason first, then when, the error and where to read more. */
export function quarantineWarning(job: ProvisioningJob): string {
  const quarantine = job.quarantine
  const why = quarantine ? describeQuarantine(quarantine) : 'Graph gives no quarantine details'
  const more = job.troubleshootingUrl ? ` See ${job.troubleshootingUrl}` : ''
  return `Provisioning job ${job.id ?? '(no readable id)'} is in quarantine: ${why}.${more}`
}

function describeRun(run: JobRun): string {
  const when = run.timeEnded ?? run.timeBegan
  const error = run.error ? ` (${describeError(run.error)})` : ''
  return `${run.state ?? 'unknown'}${when ? ` at ${when}` : ''}${error}`
}

function describeQuarantine(quarantine: JobQuarantine): string {
  const parts = [`reason ${quarantine.reason ?? 'unknown'}`]
  if (quarantine.currentBegan) parts.push(`since ${quarantine.currentBegan}`)
  if (quarantine.error) parts.push(describeError(quarantine.error))
  if (quarantine.nextAttempt) parts.push(`next attempt ${quarantine.nextAttempt}`)
  return parts.join(', ')
}

function describeError(error: JobError): string {
  const actionable = error.tenantActionable === true ? ' (tenant-actionable)' : ''
  return `error ${error.code ?? 'unknown'}${error.message ? `: ${error.message}` : ''}${actionable}`
}

/**
 * The `jobs` output: a JSON array a later step reads with fromJSON. Each string is scrubbed on its own (scrubbing
 * the whole text could replace JSON syntax, e.g. a credential value `true`), and whole jobs are left out from the
 * end until it fits in `maxChars`, so it always parses.
 */
export function jobsOutput(listing: JobsListing, scrub: (text: string) => string, maxChars = MAX_OUTPUT_CHARS): string {
  const render = (jobs: ProvisioningJob[]): string =>
    JSON.stringify(jobs, (_key, value: unknown) => (typeof value === 'string' ? scrub(value) : value))
  let jobs = listing.jobs
  while (jobs.length > 0 && render(jobs).length > maxChars) jobs = jobs.slice(0, -1)
  return render(jobs)
}

/** The warning when the `jobs` output had room for fewer jobs than the log and the summary show. */
export function jobsOutputShortfall(
  listing: JobsListing,
  output: string,
  maxChars = MAX_OUTPUT_CHARS
): string | undefined {
  const kept = (JSON.parse(output) as unknown[]).length
  const shown = listing.jobs.length
  if (kept >= shown) return undefined
  return `The jobs output holds the first ${kept} of the ${shown} jobs shown (quarantined first): it is limited to ${maxChars} characters; the job summary lists all ${shown}.`
}

/** Table rows (cells as plain text) for the job summary; the caller escapes each cell. */
export function jobRows(listing: JobsListing): string[][] {
  return listing.jobs.map((job) => [
    job.id ?? '(no readable id)',
    job.templateId ?? 'unknown',
    job.status ?? 'unknown',
    job.lastExecution ? describeRun(job.lastExecution) : '—',
    job.quarantine ? describeQuarantine(job.quarantine) : '—'
  ])
}

/** The jobs Graph listed that the action does not show, and how many of them are quarantined. */
export function omittedNote(listing: JobsListing): string | undefined {
  if (listing.omitted === 0) return undefined
  const { omitted, omittedQuarantined } = listing
  return `${omitted} more job${omitted === 1 ? '' : 's'} not shown (the action keeps ${MAX_JOBS}, quarantined first), ${omittedQuarantined} of them quarantined`
}

/** What the listing leaves out, when it does. */
export function listingNote(listing: JobsListing): string | undefined {
  const notes: string[] = []
  const omitted = omittedNote(listing)
  if (omitted) notes.push(omitted)
  if (listing.morePages) notes.push('Graph has more pages, not read')
  return notes.length > 0 ? notes.join('; ') : undefined
}
