import {
  BROADER_PERMISSION,
  GRAPH_APP_ID,
  hintContext,
  hintsFor,
  LEAST_PRIVILEGED_PERMISSION,
  synchronizationPermissions,
  synchronizationRoles,
  type CatalogueId
} from './catalogue.js'
import { parseGraphError } from './graph-error.js'
import type { GraphTokenEvidence } from './graph-token.js'
import type { HttpResponse } from './http.js'
import type { ActionConfig } from './inputs.js'

/** One Graph call on the target: acquireAccessToken's POST, or any other (a read-only GET of the jobs, say). */
export interface GraphCall {
  method: string
  url: string
  /** How messages name it: "acquireAccessToken", "list synchronization jobs". */
  operation: string
}

export interface GraphDiagnosisInput {
  response: HttpResponse
  call: GraphCall
  /** The evidence in the access token the call carried; undefined when it could not be read. */
  token: GraphTokenEvidence | undefined
  config: ActionConfig
  /** Milliseconds since the epoch, to judge the token's expiry. */
  now: number
}

export interface GraphDiagnosis {
  id: CatalogueId
  /** What the evidence shows, as `name: value` lines for the failure's details (never the token). */
  evidence: Array<readonly [string, string]>
  /** The catalogue entry's cause and fixes, filled in for this run. */
  hints: string[]
}

/**
 * The catalogue entry a Graph error answer matches, decided from evidence only: whether Graph wrote the answer at
 * all (its error JSON or request-id), the status and code, and on 401/403 what the token carries.
 * Undefined when no entry fits (the message and ids then stand alone).
 */
export function diagnoseGraphResponse(input: GraphDiagnosisInput): GraphDiagnosis | undefined {
  const { response, token, config } = input
  const info = parseGraphError(response)
  const fromGraph = info.code !== undefined || Boolean(response.headers['request-id'])
  const context = hintContext(config, token?.objectId ? { callerObjectId: token.objectId } : {})
  const diagnosis = (id: CatalogueId, evidence: Array<readonly [string, string]> = []): GraphDiagnosis => ({
    id,
    evidence,
    hints: hintsFor(id, context)
  })
  if (!fromGraph) return diagnosis('graph-gateway')
  const { status } = response
  if (status === 401 && info.code === 'InvalidAuthenticationToken') {
    const check = checkToken(token, input)
    return diagnosis(check.matches ? 'graph-invalid-token' : 'graph-token-mismatch', [
      ['graph token', describeToken(token)],
      ['token check', check.findings]
    ])
  }
  if (status === 401 || status === 403) {
    const evidence: Array<readonly [string, string]> = [['graph token', describeToken(token)]]
    if (!token) return diagnosis('graph-token-unreadable', evidence)
    const roles = new Set(token.roles)
    if (roles.has(LEAST_PRIVILEGED_PERMISSION) && !roles.has(BROADER_PERMISSION)) {
      return diagnosis('graph-not-owner', evidence)
    }
    const managing = synchronizationRoles(token.directoryRoles)
    if (synchronizationPermissions(token.roles).length === 0 && managing.length === 0) {
      return diagnosis('graph-no-permission', evidence)
    }
    if (managing.length > 0) evidence.push(['directory role', managing.join(', ')])
    return diagnosis('graph-denied', evidence)
  }
  if (status === 404) {
    const sameAsClient = config.target.id.toLowerCase() === config.clientId.toLowerCase()
    return diagnosis(sameAsClient ? 'graph-target-is-client-id' : 'graph-object-not-found')
  }
  if (status === 400) return diagnosis('graph-bad-request')
  if (status === 429) return diagnosis('graph-throttled')
  if (status >= 500) return diagnosis('graph-server-error')
  return undefined
}

/** The token's claims a person needs to judge a refusal; ids and names only, never the token. */
export function describeToken(token: GraphTokenEvidence | undefined): string {
  if (!token) return 'not readable (not a JWT)'
  const list = (items: string[]): string => (items.length > 0 ? items.join(', ') : 'none')
  return [
    `roles ${list(token.roles)}`,
    `directory roles (wids) ${list(token.directoryRoles)}`,
    `oid ${token.objectId || 'none'}`,
    `appid ${token.appId || 'none'}`,
    `aud ${token.audience || 'none'}`,
    `tid ${token.tenantId || 'none'}`,
    `expires ${token.expiresAt === undefined ? 'unknown' : new Date(token.expiresAt).toISOString()}`
  ].join('; ')
}

/** The token compared with the call: audience against the called origin, tenant against tenant-id, expiry. */
function checkToken(
  token: GraphTokenEvidence | undefined,
  input: GraphDiagnosisInput
): { matches: boolean; findings: string } {
  if (!token) return { matches: false, findings: 'the token could not be read' }
  const called = originOf(input.call.url)
  const audienceMatches = isGraphAudience(token.audience, called)
  const findings = [
    audienceMatches
      ? isGraphAppId(token.audience)
        ? 'audience is Microsoft Graph’s application id, which names no cloud'
        : 'audience matches the host called'
      : `audience ${token.audience || 'none'} is not the host called (${called})`
  ]
  // A tenant given as a domain cannot be compared with the token's tenant id.
  const tenantGiven = /^[0-9a-f-]{36}$/i.test(input.config.tenantId)
  const tenantMatches = !tenantGiven || token.tenantId.toLowerCase() === input.config.tenantId.toLowerCase()
  if (tenantGiven) {
    findings.push(tenantMatches ? 'tenant matches tenant-id' : `tenant ${token.tenantId || 'none'} is not tenant-id`)
  }
  const expired = token.expiresAt !== undefined && token.expiresAt <= input.now
  if (token.expiresAt !== undefined) {
    findings.push(expired ? 'expired by the runner’s clock' : 'not expired by the runner’s clock')
  }
  return { matches: audienceMatches && tenantMatches && !expired, findings: findings.join('; ') }
}

/**
 * Whether a token's `aud` names the Graph at `graphRoot`: its URL (with or without a trailing '/'), or Microsoft
 * Graph's application id, which v2 tokens carry (https://learn.microsoft.com/troubleshoot/entra/entra-id/governance/verify-first-party-apps-sign-in
 * lists it for Microsoft Graph). Microsoft does not say whether the national clouds' Graph has the same id, so the id
 * is accepted as "a Microsoft Graph" without telling which cloud's; the tenant check still applies.
 */
export function isGraphAudience(audience: string, graphRoot: string): boolean {
  const named = audience.replace(/\/+$/, '').toLowerCase()
  return named === graphRoot.replace(/\/+$/, '').toLowerCase() || isGraphAppId(audience)
}

export function isGraphAppId(audience: string): boolean {
  return audience.trim().toLowerCase() === GRAPH_APP_ID
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
