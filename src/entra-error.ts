import { docLink, hintContext, hintsFor, subjectForm, type CatalogueId } from './catalogue.js'
import { unusualAudience } from './clouds.js'
import { ActionError } from './errors.js'
import type { ActionConfig } from './inputs.js'
import type { JobContext } from './job-context.js'
import type { FederationClaims } from './jwt.js'
import { logFragment } from './sanitise.js'
import { TransportError } from './transport-error.js'

/** What Entra said, gathered from @azure/identity's and MSAL's error objects, whatever their nesting. */
export interface EntraErrorInfo {
  /** `AADSTS70021`, when Entra gave a number. */
  aadsts: string | undefined
  /** The OAuth `error` (invalid_client, invalid_request …). */
  oauthError: string | undefined
  /** The description's first part, without the trace/correlation/timestamp trailer. */
  description: string
  traceId: string | undefined
  correlationId: string | undefined
  timestamp: string | undefined
  status: number | undefined
  /** A timeout or abort rather than an answer. */
  timedOut: boolean
  /** No HTTP answer at all (DNS, refused, reset, TLS). */
  network: boolean
}

export function readEntraError(thrown: unknown): EntraErrorInfo {
  const chain = errorChain(thrown)
  const texts: string[] = []
  let oauthError: string | undefined
  let status: number | undefined
  let aadstsNumber: string | undefined
  let correlationId: string | undefined
  for (const item of chain) {
    const record = item as Record<string, unknown>
    for (const field of ['errorMessage', 'message']) {
      if (typeof record[field] === 'string' && record[field]) texts.push(record[field] as string)
    }
    const response = record.errorResponse as Record<string, unknown> | undefined
    if (response && typeof response.errorDescription === 'string') texts.push(response.errorDescription)
    if (response && typeof response.error === 'string') oauthError ??= response.error
    if (typeof record.errorCode === 'string' && /^[a-z_]+$/.test(record.errorCode)) oauthError ??= record.errorCode
    if (typeof record.errorNo === 'string' && /^\d+$/.test(record.errorNo)) aadstsNumber ??= record.errorNo
    if (typeof record.statusCode === 'number') status ??= record.statusCode
    if (typeof record.status === 'number') status ??= record.status
    if (typeof record.correlationId === 'string' && record.correlationId) correlationId ??= record.correlationId
  }
  const all = texts.join('\n')
  const aadsts = aadstsNumber ?? /AADSTS(\d+)/.exec(all)?.[1]
  const describing = texts.find((t) => /AADSTS\d+/.test(t)) ?? texts[0] ?? 'no details'
  const codes = chain.map((item) => String((item as Record<string, unknown>).code ?? '')).join(' ')
  const timedOut = /timeout|timed out|aborted|AbortError|ETIMEDOUT/i.test(
    `${all} ${codes} ${chain.map((e) => (e as Error).name).join(' ')}`
  )
  const transport = chain.find((item): item is TransportError => item instanceof TransportError)
  return {
    aadsts: aadsts ? `AADSTS${aadsts}` : undefined,
    oauthError,
    description: cleanDescription(describing),
    traceId: /Trace ID: ([0-9a-f-]+)/i.exec(all)?.[1],
    correlationId: correlationId ?? /Correlation ID: ([0-9a-f-]+)/i.exec(all)?.[1],
    timestamp: /Timestamp: (\d{4}-\d{2}-\d{2}[ T][\d:.]+Z?)/i.exec(all)?.[1],
    status,
    timedOut: transport ? transport.kind === 'timeout' : !aadsts && timedOut,
    network: transport
      ? transport.kind === 'network'
      : !aadsts &&
        !timedOut &&
        /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EPROTO|CERT|certificate|socket|REQUEST_SEND_ERROR|network/i.test(
          `${all} ${codes}`
        )
  }
}

/** The Entra failure as the action reports it, with the catalogue's cause and fixes for what the evidence shows. */
export function entraError(
  thrown: unknown,
  config: ActionConfig,
  presented: FederationClaims | undefined,
  job?: JobContext
): ActionError {
  const info = readEntraError(thrown)
  const code = info.aadsts ?? (info.timedOut ? 'Timeout' : info.network ? 'NetworkError' : 'UnexpectedResponse')
  const tokenEndpoint = `${config.authorityHost}/${config.tenantId}/oauth2/v2.0/token`
  const id = entraCatalogueId(code, presented, config)
  const federation = id !== undefined && FEDERATION_ENTRIES.has(id)
  return new ActionError({
    stage: 'Entra',
    code,
    message: `could not exchange the GitHub OIDC token for a Microsoft Graph token: ${info.description}`,
    details: [
      ['token endpoint', tokenEndpoint],
      ['http-status', info.status === undefined ? '' : String(info.status)],
      ['scope', `${config.graphEndpoint}/.default`],
      ['oauth error', info.oauthError ?? ''],
      ['trace-id', info.traceId ?? ''],
      ['correlation-id', info.correlationId ?? ''],
      ['timestamp', info.timestamp ?? ''],
      ...(federation ? presentedEvidence(presented, job) : []),
      ['troubleshooting', id ? docLink(id) : '']
    ],
    hints: id ? entraHints(id, config, presented) : []
  })
}

const FEDERATION_ENTRIES: ReadonlySet<CatalogueId> = new Set([
  'entra-subject-no-environment',
  'entra-subject-mismatch',
  'entra-subject-immutable-form',
  'entra-subject-names-form',
  'entra-subject-case',
  'entra-issuer-mismatch',
  'entra-no-matching-credential',
  'entra-audience-input'
])

// Meanings from https://learn.microsoft.com/entra/identity-platform/reference-error-codes and, for the federation
// codes, Entra's own messages ("No matching federated identity record found for presented assertion issuer /
// subject", https://learn.microsoft.com/entra/workload-id/workload-identity-federation).
const BY_CODE: Readonly<Record<string, CatalogueId>> = {
  AADSTS7002138: 'entra-subject-case',
  AADSTS700211: 'entra-issuer-mismatch',
  AADSTS70021: 'entra-no-matching-credential',
  AADSTS700016: 'entra-unknown-client',
  AADSTS90002: 'entra-unknown-tenant',
  AADSTS90023: 'entra-invalid-request',
  AADSTS700024: 'entra-assertion-time',
  AADSTS500133: 'entra-assertion-time',
  AADSTS700027: 'entra-assertion-signature',
  AADSTS53003: 'entra-conditional-access',
  AADSTS500011: 'entra-unknown-resource',
  AADSTS650057: 'entra-resource-not-requested',
  Timeout: 'entra-timeout',
  NetworkError: 'entra-network'
}

/**
 * The catalogue entry for an Entra code, told apart by evidence: a subject mismatch by the token's environment claim
 * and subject form, an unmatched credential by an audience input that is neither the cloud's default nor the one
 * Entra documents (the warning the run printed already names it).
 */
export function entraCatalogueId(
  code: string,
  presented: FederationClaims | undefined,
  config: Pick<ActionConfig, 'audience' | 'cloud'>
): CatalogueId | undefined {
  if (code === 'AADSTS700213') {
    if (presented && !presented.environment) return 'entra-subject-no-environment'
    const form = presented ? subjectForm(presented.subject) : undefined
    return form === 'immutable'
      ? 'entra-subject-immutable-form'
      : form === 'names'
        ? 'entra-subject-names-form'
        : 'entra-subject-mismatch'
  }
  if (code === 'AADSTS70021' && unusualAudience(config.audience, config.cloud)) {
    return 'entra-audience-input'
  }
  return BY_CODE[code]
}

export function entraHints(id: CatalogueId, config: ActionConfig, presented: FederationClaims | undefined): string[] {
  return hintsFor(
    id,
    hintContext(
      config,
      presented
        ? {
            issuer: presented.issuer,
            subject: presented.subject,
            audience: presented.audience,
            repository: presented.repository || '<owner>/<repo>',
            environment: presented.environment
          }
        : {}
    )
  )
}

/** What the GitHub token presented and what the job's context adds; decoded claims only, never the token. */
function presentedEvidence(
  presented: FederationClaims | undefined,
  job: JobContext | undefined
): Array<readonly [string, string]> {
  return [
    [
      'token presented',
      presented
        ? `issuer "${presented.issuer}", subject "${presented.subject}", audience "${presented.audience}", ` +
          `environment ${presented.environment ? `"${presented.environment}"` : 'none'}`
        : 'not readable'
    ],
    ['job_workflow_ref', presented?.jobWorkflowRef ?? ''],
    ['reusable workflow', reusableWorkflow(presented, job)],
    ['event', job?.eventName ?? ''],
    ['workflow ref', job?.workflowRef ?? '']
  ]
}

/**
 * When the job is defined in another workflow file than the run started from, it is a called (reusable) workflow:
 * its subject is still the caller's context unless the organisation customised it.
 */
function reusableWorkflow(presented: FederationClaims | undefined, job: JobContext | undefined): string {
  const path = (ref: string): string => ref.split('@')[0]
  if (!presented?.jobWorkflowRef || !job?.workflowRef) return ''
  if (path(presented.jobWorkflowRef) === path(job.workflowRef)) return ''
  return `yes: the job is defined in ${presented.jobWorkflowRef}, called from ${job.workflowRef}`
}

function errorChain(thrown: unknown): object[] {
  const chain: object[] = []
  let current: unknown = thrown
  while (typeof current === 'object' && current !== null && !chain.includes(current) && chain.length < 8) {
    chain.push(current)
    current = (current as { cause?: unknown }).cause
  }
  return chain
}

/** Entra's own sentence: MSAL's "Error(s): … - Description:" wrapper and the trace trailer removed; one bounded line. */
function cleanDescription(text: string): string {
  const fromCode = /AADSTS\d+:[\s\S]*/.exec(text)?.[0] ?? text
  return logFragment(
    fromCode
      .replace(/\s*Trace ID:[\s\S]*$/i, '')
      .replace(/\s+/g, ' ')
      .trim() || 'no details'
  )
}
