import {
  BROADER_PERMISSION,
  hintContext,
  hintsFor,
  LEAST_PRIVILEGED_PERMISSION,
  SYNCHRONIZATION_PERMISSIONS,
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
    const evidence = [['graph token', describeToken(token)] as const]
    if (!token) return diagnosis('graph-denied', evidence)
    const roles = new Set(token.roles)
    if (roles.has(LEAST_PRIVILEGED_PERMISSION) && !roles.has(BROADER_PERMISSION)) {
      return diagnosis('graph-not-owner', evidence)
    }
    if (!SYNCHRONIZATION_PERMISSIONS.some((role) => roles.has(role)) && token.directoryRoles.length === 0) {
      return diagnosis('graph-no-permission', evidence)
    }
    return diagnosis('graph-denied', evidence)
  }
  if (status === 404) return diagnosis('graph-object-not-found')
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
  const audienceMatches = token.audience.replace(/\/+$/, '') === called
  const findings = [
    audienceMatches
      ? 'audience matches the host called'
      : `audience ${token.audience || 'none'} is not the host called (${called})`
  ]
  // A tenant given as a domain cannot be compared with the token's tenant id.
  const tenantGiven = /^[0-9a-f-]{36}$/i.test(input.config.tenantId)
  const tenantMatches = !tenantGiven || token.tenantId.toLowerCase() === input.config.tenantId.toLowerCase()
  if (tenantGiven) {
    findings.push(tenantMatches ? 'tenant matches tenant-id' : `tenant ${token.tenantId || 'none'} is not tenant-id`)
  }
  const expired = token.expiresAt !== undefined && token.expiresAt <= input.now
  if (token.expiresAt !== undefined) findings.push(expired ? 'expired' : 'not expired')
  return { matches: audienceMatches && tenantMatches && !expired, findings: findings.join('; ') }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
