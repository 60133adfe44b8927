import { graphRequestId } from './graph-error.js'
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
import { buildOwnersRequest, readOwnership } from './owners.js'

/*
 * dry-run: everything acquireAccessToken needs, checked without writing anything. What the real POST needs
 * (https://learn.microsoft.com/graph/api/synchronization-synchronization-acquireaccesstoken): the application
 * permission Synchronization.ReadWrite.All, or Application.ReadWrite.OwnedBy and ownership of the target. The Graph
 * token's claims show audience, tenant and permissions. GET …/synchronization/jobs on the same object proves, with a
 * 200, that Graph accepts the token, that it carries a permission that reads synchronization, and the target's id and
 * kind; not ownership, since Synchronization.Read.All and …ReadWrite.All read every object's jobs
 * (https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs). Ownership is read from the
 * target's owners (src/owners.ts). Only the credentials' content stays unverified: acquireAccessToken is the only
 * call that reads them, and it is the write.
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
  ownership: 'Ownership of the target',
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
  /** The jobs GET's HTTP status and Graph request-id ('' when no answer came back): the outputs a ticket quotes. */
  status: string
  requestId: string
  attempts: number
}

/** The checks after the Entra token: its claims, then the read-only calls. Sends nothing but GETs. */
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
  // A GET redeems nothing: outcomeUnknown stays unset, so no single-use code warning.
  const failureContext: GraphFailureContext = { config, clientRequestId, token: evidence, now: deps.clock.now() }
  const response = read.response
  return {
    checks: [
      passed(CHECK_NAMES.oidc, 'GitHub issued the job’s OIDC token'),
      passed(CHECK_NAMES.entra, 'Entra accepted the federated credential and issued a Microsoft Graph token'),
      ...tokenChecks(evidence, config),
      read.response
        ? await ownershipCheck(deps, config, accessToken, clientRequestId, evidence)
        : // Reading the owners would only wait for the same unreachable Graph again.
          unverifiable(CHECK_NAMES.ownership, 'Graph did not answer the jobs read, so the owners were not read'),
      jobsCheck(
        read,
        { method: request.method, url: request.url, operation: 'list synchronization jobs' },
        failureContext
      ),
      credentialsCheck(config)
    ],
    listing: read.ok ? read.listing : undefined,
    status: response ? String(response.status) : '',
    requestId: response ? graphRequestId(response.headers) : '',
    attempts: read.attempts
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
    const route = write.includes(BROADER_PERMISSION)
      ? `${BROADER_PERMISSION} (the broader permission) allows acquireAccessToken on every target`
      : `${LEAST_PRIVILEGED_PERMISSION} allows acquireAccessToken on targets the app owns (see "${CHECK_NAMES.ownership}")`
    return passed(CHECK_NAMES.permission, `${route} (roles: ${roles})`)
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

/**
 * Under Application.ReadWrite.OwnedBy alone the POST needs ownership, which nothing in the token shows: the owners
 * list does. Whether Graph enforces ownership on the jobs GET under OwnedBy is not documented, so that read is not
 * taken as proof.
 */
async function ownershipCheck(
  deps: RehearsalDependencies,
  config: ActionConfig,
  accessToken: string,
  clientRequestId: string,
  evidence: GraphTokenEvidence | undefined
): Promise<Check> {
  const name = CHECK_NAMES.ownership
  if (!evidence)
    return unverifiable(name, 'the Graph token is not a JWT the action can read, so its permissions are unknown')
  if (evidence.roles.includes(BROADER_PERMISSION)) {
    return passed(
      name,
      `not needed: the token carries ${BROADER_PERMISSION}, the broader permission, which reaches every application’s synchronization in the tenant (${LEAST_PRIVILEGED_PERMISSION} with ownership is the least-privileged alternative)`
    )
  }
  if (!evidence.roles.includes(LEAST_PRIVILEGED_PERMISSION)) {
    return unverifiable(
      name,
      `ownership matters only under ${LEAST_PRIVILEGED_PERMISSION}, which the token does not carry (see "${CHECK_NAMES.permission}")`
    )
  }
  const { kind, id } = config.target
  const oid = evidence.objectId
  if (!oid) return unverifiable(name, 'the token names no caller object id (oid) to look for among the owners')
  const request = buildOwnersRequest(config, accessToken, clientRequestId, deps.userAgent)
  deps.log(`dry-run: GET ${request.url} (read-only: is the app’s service principal an owner?)`)
  const read = await readOwnership(deps.send, request, oid, config.maxAttempts, deps.clock, deps.log)
  if ('unknown' in read) {
    return unverifiable(
      name,
      `${read.unknown}; under ${LEAST_PRIVILEGED_PERMISSION} the real call needs the app’s service principal (${oid}) to own ${kind}/${id}`
    )
  }
  if (read.owner) {
    return passed(
      name,
      `the app’s service principal (${oid}) is an owner of ${kind}/${id}, as ${LEAST_PRIVILEGED_PERMISSION} needs (read from the target’s owners)`
    )
  }
  return failed(
    name,
    new ActionError({
      stage: 'Graph',
      code: 'NotTargetOwner' satisfies OwnErrorCode,
      message: `the app’s service principal (${oid}) is not an owner of ${kind}/${id}: under ${LEAST_PRIVILEGED_PERMISSION} Graph would refuse acquireAccessToken`,
      hints: catalogueHints('graph-not-owner', config, evidence)
    })
  )
}

/** A 200 proves the token is accepted, a permission reads synchronization, and the target's id and kind: no more. */
function jobsCheck(read: JobsRead, call: GraphCall, context: GraphFailureContext): Check {
  if (read.ok) {
    const count = read.listing.jobs.length
    const { target } = context.config
    return passed(
      CHECK_NAMES.jobs,
      `Graph answered 200 with ${count} job${count === 1 ? '' : 's'}: it accepts the token and its permission to ` +
        `read synchronization, and ${target.kind}/${target.id} exists as that kind`
    )
  }
  if (read.response && (read.response.status < 200 || read.response.status > 299)) {
    return failed(CHECK_NAMES.jobs, graphResponseError(read.response, call, context))
  }
  if (!read.response && read.transportError) {
    return failed(CHECK_NAMES.jobs, graphTransportError(read.transportError, call, context))
  }
  // A 2xx that is not a jobs collection: Graph documents 200 with JSON, so something else answered. A cut answer is
  // the action's own limit, not evidence of who answered, so it names no gateway.
  const cut = read.response?.truncatedAt !== undefined
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
      hints: cut ? [] : hintsFor('graph-gateway', hintContext(context.config))
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
    ...[CHECK_NAMES.audience, CHECK_NAMES.tenant, CHECK_NAMES.permission, CHECK_NAMES.ownership, CHECK_NAMES.jobs].map(
      (name) => unverifiable(name, why)
    ),
    unverifiable(CHECK_NAMES.credentials, 'never sent in a rehearsal')
  ]
}

/**
 * The failure the step ends with: the first failed check's, naming it and any others that failed. It carries every
 * failed check's cause and fixes, each once (two checks often fail for one cause), since it is where they are shown.
 */
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
    hints: [...new Set(failures.flatMap((check) => check.error?.hints ?? []))]
  })
}

/** One log line per check; a failed check's cause and fixes are in the step's one error annotation, not here. */
export function checkLines(checks: readonly Check[]): string[] {
  const mark: Record<Outcome, string> = { passed: '✓ passed', failed: '✗ failed', 'not verifiable': '– not verifiable' }
  return checks.map((check) => `${mark[check.outcome]}: ${check.name}: ${logFragment(check.detail)}`)
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
