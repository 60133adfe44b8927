import type { AttemptClock } from './attempts.js'
import { ActionError, type OwnErrorCode, type Stage } from './errors.js'
import {
  BROADER_PERMISSION,
  hintContext,
  hintsFor,
  LEAST_PRIVILEGED_PERMISSION,
  synchronizationPermissions,
  synchronizationRoles,
  type CatalogueId
} from './catalogue.js'
import { graphResponseError, graphTransportError, type GraphFailureContext } from './graph.js'
import { isGraphAppId, isGraphAudience, type GraphCall } from './graph-diagnosis.js'
import { readGraphToken, type GraphTokenEvidence } from './graph-token.js'
import type { SendHttp } from './http.js'
import type { ActionConfig } from './inputs.js'
import { logFragment } from './sanitise.js'
import { buildJobsRequest, readJobs, type JobsListing, type JobsRead } from './jobs.js'

/*
 * dry-run: everything acquireAccessToken needs, checked without writing anything. The Graph token's claims show
 * audience, tenant and permissions; GET …/synchronization/jobs on the same object proves, with a 200, the token's
 * audience, a permission that reads synchronization, ownership under Application.ReadWrite.OwnedBy, and the
 * target's id and kind (https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs lists the
 * same application permissions as acquireAccessToken, plus Synchronization.Read.All). Only the credentials'
 * content stays unverified: acquireAccessToken is the only call that reads them, and it is the write.
 */

export type Outcome = 'passed' | 'failed' | 'not verifiable'

export interface Check {
  name: string
  outcome: Outcome
  /** What was seen, one sentence; for a failure, the message of `error`. */
  detail: string
  /** For a failed check: the failure the step ends with if it is the first, with its cause and fix. */
  error?: ActionError
}

export const CHECK_NAMES = {
  oidc: 'GitHub OIDC token',
  entra: 'Entra token (federated credential)',
  audience: 'Token audience',
  tenant: 'Token tenant',
  permission: 'Graph permission',
  jobs: 'Read provisioning jobs',
  credentials: 'Credentials'
} as const

const READ_ONLY_PERMISSION = 'Synchronization.Read.All'
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface RehearsalDependencies {
  send: SendHttp
  clock: AttemptClock
  log(message: string): void
  userAgent: string
}

export interface Rehearsal {
  checks: Check[]
  listing: JobsListing | undefined
}

/** The checks after the Entra token: its claims, then the read-only jobs call. Sends nothing but that GET. */
export async function rehearse(
  deps: RehearsalDependencies,
  config: ActionConfig,
  accessToken: string,
  clientRequestId: string
): Promise<Rehearsal> {
  const evidence = readGraphToken(accessToken)
  const request = buildJobsRequest(config, accessToken, clientRequestId, deps.userAgent)
  deps.log(`dry-run: GET ${request.url} (read-only; acquireAccessToken is not called)`)
  const read = await readJobs(deps.send, request, config.maxAttempts, deps.clock, deps.log)
  // A GET redeems nothing, so its earlier attempts never raise the single-use code warning.
  const failureContext = { config, clientRequestId, token: evidence, earlier: [], now: deps.clock.now() }
  return {
    checks: [
      passed(CHECK_NAMES.oidc, 'GitHub issued the job’s OIDC token'),
      passed(CHECK_NAMES.entra, 'Entra accepted the federated credential and issued a Microsoft Graph token'),
      ...tokenChecks(evidence, config),
      jobsCheck(
        read,
        { method: request.method, url: request.url, operation: 'list synchronization jobs' },
        failureContext
      ),
      credentialsCheck(config)
    ],
    listing: read.ok ? read.listing : undefined
  }
}

/** What the token's claims say about audience, tenant and permission. */
export function tokenChecks(evidence: GraphTokenEvidence | undefined, config: ActionConfig): Check[] {
  if (!evidence) {
    const why = 'the Graph token is not a JWT the action can read, so its claims cannot be inspected'
    return [CHECK_NAMES.audience, CHECK_NAMES.tenant, CHECK_NAMES.permission].map((name) => unverifiable(name, why))
  }
  return [audienceCheck(evidence, config), tenantCheck(evidence, config), permissionCheck(evidence, config)]
}

function audienceCheck(evidence: GraphTokenEvidence, config: ActionConfig): Check {
  if (isGraphAudience(evidence.audience, config.graphEndpoint)) {
    return passed(
      CHECK_NAMES.audience,
      isGraphAppId(evidence.audience)
        ? `the token is for ${evidence.audience}, Microsoft Graph’s application id (which names no cloud)`
        : `the token is for ${evidence.audience}, the Graph the action calls`
    )
  }
  return failed(
    CHECK_NAMES.audience,
    new ActionError({
      stage: 'Graph',
      code: 'TokenAudienceMismatch' satisfies OwnErrorCode,
      message: `the Graph token is for "${evidence.audience}", but graph-endpoint is ${config.graphEndpoint}: that Graph refuses it`,
      hints: catalogueHints('graph-token-audience', config, evidence)
    })
  )
}

function tenantCheck(evidence: GraphTokenEvidence, config: ActionConfig): Check {
  if (!GUID.test(config.tenantId)) {
    return unverifiable(
      CHECK_NAMES.tenant,
      `tenant-id is a domain name, which the token does not carry; Entra issued it in tenant ${evidence.tenantId || 'unknown'}`
    )
  }
  if (evidence.tenantId.toLowerCase() === config.tenantId.toLowerCase()) {
    return passed(CHECK_NAMES.tenant, `the token was issued in tenant ${evidence.tenantId}, as tenant-id says`)
  }
  return failed(
    CHECK_NAMES.tenant,
    new ActionError({
      stage: 'Graph',
      code: 'TokenTenantMismatch' satisfies OwnErrorCode,
      message: `the Graph token was issued in tenant "${evidence.tenantId}", not in tenant-id ${config.tenantId}`,
      hints: catalogueHints('graph-token-tenant', config, evidence)
    })
  )
}

function permissionCheck(evidence: GraphTokenEvidence, config: ActionConfig): Check {
  const roles = evidence.roles.length > 0 ? evidence.roles.join(', ') : 'none'
  const write = synchronizationPermissions(evidence.roles)
  if (write.length > 0) {
    const ownership = write.includes(BROADER_PERMISSION)
      ? ''
      : `; ${LEAST_PRIVILEGED_PERMISSION} also needs ownership of the target, which the jobs read checks`
    return passed(CHECK_NAMES.permission, `the token carries ${write.join(', ')} (roles: ${roles})${ownership}`)
  }
  const managing = synchronizationRoles(evidence.directoryRoles)
  if (managing.length > 0) {
    return unverifiable(
      CHECK_NAMES.permission,
      `the token carries no synchronization permission but the directory role ${managing.join(', ')}, which manages provisioning; whether Graph lets it call acquireAccessToken is not visible in the token`
    )
  }
  const readOnly = evidence.roles.includes(READ_ONLY_PERMISSION)
  return failed(
    CHECK_NAMES.permission,
    new ActionError({
      stage: 'Graph',
      code: 'MissingGraphPermission' satisfies OwnErrorCode,
      message: readOnly
        ? `the token carries ${READ_ONLY_PERMISSION}, which reads provisioning jobs but does not allow acquireAccessToken (roles: ${roles})`
        : `the token’s roles hold neither ${LEAST_PRIVILEGED_PERMISSION} nor ${BROADER_PERMISSION} (roles: ${roles})`,
      hints: catalogueHints(readOnly ? 'graph-read-only-permission' : 'graph-no-permission', config, evidence)
    })
  )
}

function jobsCheck(read: JobsRead, call: GraphCall, context: GraphFailureContext): Check {
  if (read.ok) {
    const count = read.listing.jobs.length
    const { target } = context.config
    const ownership = context.token?.roles.includes('Synchronization.ReadWrite.All')
      ? ''
      : ', ownership (needed under Application.ReadWrite.OwnedBy)'
    return passed(
      CHECK_NAMES.jobs,
      `Graph answered 200 with ${count} job${count === 1 ? '' : 's'}: it accepts the token, its permission${ownership}, ` +
        `and the target ${target.kind}/${target.id} (its id and kind)`
    )
  }
  if (read.response && (read.response.status < 200 || read.response.status > 299)) {
    return failed(CHECK_NAMES.jobs, graphResponseError(read.response, call, context))
  }
  if (!read.response && read.transportError) {
    return failed(CHECK_NAMES.jobs, graphTransportError(read.transportError, call, context))
  }
  // A 2xx that is not a jobs collection: Graph documents 200 with JSON, so something else answered.
  return failed(
    CHECK_NAMES.jobs,
    new ActionError({
      stage: 'Graph',
      code: 'UnexpectedResponse',
      message: `${call.operation} answered ${read.problem}`,
      details: [
        ['endpoint', call.url],
        ['client-request-id', context.clientRequestId]
      ],
      hints: hintsFor('graph-gateway', hintContext(context.config))
    })
  )
}

function credentialsCheck(config: ActionConfig): Check {
  const keys = config.credentials.map((c) => c.key).join(', ')
  return unverifiable(
    CHECK_NAMES.credentials,
    "only acquireAccessToken reads the credentials' values, and it changes the app's authorization (a code grant " +
      'redeems its one-time code), so the rehearsal never sends them; ' +
      (keys ? `their key names (${keys}) are valid synchronizationSecret names` : 'none were given to this step')
  )
}

/** The checks when the run stopped before the Graph token: the failed stage, then what could not be reached. */
export function checksAfterFailure(stage: Stage, error: ActionError): Check[] {
  if (stage !== 'GitHub OIDC' && stage !== 'Entra') return []
  const why = `needs the Graph token, which ${stage === 'Entra' ? 'Entra' : 'GitHub'} did not give`
  return [
    stage === 'Entra'
      ? passed(CHECK_NAMES.oidc, 'GitHub issued the job’s OIDC token')
      : failed(CHECK_NAMES.oidc, error),
    stage === 'Entra' ? failed(CHECK_NAMES.entra, error) : unverifiable(CHECK_NAMES.entra, 'needs the OIDC token'),
    ...[CHECK_NAMES.audience, CHECK_NAMES.tenant, CHECK_NAMES.permission, CHECK_NAMES.jobs].map((name) =>
      unverifiable(name, why)
    ),
    unverifiable(CHECK_NAMES.credentials, 'never sent in a rehearsal')
  ]
}

/** The failure the step ends with: the first failed check's, naming it and any others that failed. */
export function rehearsalFailure(checks: readonly Check[]): ActionError | undefined {
  const failures = checks.filter((check) => check.outcome === 'failed' && check.error)
  const first = failures[0]?.error
  if (!first) return undefined
  const others = failures.slice(1).map((check) => `"${check.name}"`)
  return new ActionError({
    stage: first.stage,
    code: first.code,
    message: `dry-run check "${failures[0].name}" failed: ${first.message}${others.length > 0 ? ` (also failed: ${others.join(', ')})` : ''}`,
    details: first.details,
    hints: first.hints
  })
}

/** One log line per check; a failed check's cause and fixes follow it, indented. */
export function checkLines(checks: readonly Check[]): string[] {
  const mark: Record<Outcome, string> = { passed: '✓ passed', failed: '✗ failed', 'not verifiable': '– not verifiable' }
  return checks.flatMap((check) => [
    `${mark[check.outcome]}: ${check.name}: ${logFragment(check.detail)}`,
    ...(check.error?.hints ?? []).map((hint) => `    hint: ${logFragment(hint)}`)
  ])
}

function passed(name: string, detail: string): Check {
  return { name, outcome: 'passed', detail }
}

function unverifiable(name: string, detail: string): Check {
  return { name, outcome: 'not verifiable', detail }
}

function failed(name: string, error: ActionError): Check {
  return { name, outcome: 'failed', detail: error.message, error }
}

/** The catalogue's cause and fixes for a check that failed on the token's evidence. */
function catalogueHints(id: CatalogueId, config: ActionConfig, evidence: GraphTokenEvidence): string[] {
  return hintsFor(id, hintContext(config, evidence.objectId ? { callerObjectId: evidence.objectId } : {}))
}
