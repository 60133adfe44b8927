import { ActionError } from './errors.js'
import type { ActionConfig } from './inputs.js'
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

/** The Entra failure as the action reports it, with hints that name what to change. */
export function entraError(
  thrown: unknown,
  config: ActionConfig,
  presented: FederationClaims | undefined
): ActionError {
  const info = readEntraError(thrown)
  const code = info.aadsts ?? (info.timedOut ? 'Timeout' : info.network ? 'NetworkError' : 'UnexpectedResponse')
  const tokenEndpoint = `${config.authorityHost}/${config.tenantId}/oauth2/v2.0/token`
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
      ['timestamp', info.timestamp ?? '']
    ],
    hints: entraHints(code, config, presented)
  })
}

const FEDERATION_MISMATCH = new Set(['AADSTS70021', 'AADSTS700211', 'AADSTS700213', 'AADSTS7002138'])

export function entraHints(code: string, config: ActionConfig, presented: FederationClaims | undefined): string[] {
  if (FEDERATION_MISMATCH.has(code)) return federationHints(code, config, presented)
  switch (code) {
    case 'AADSTS700016':
      return [
        `No application with client-id ${config.clientId} exists in tenant ${config.tenantId} of cloud ${config.cloud.name}. ` +
          'Check client-id (the application (client) ID, not an object ID), tenant-id and cloud.'
      ]
    case 'AADSTS90002':
    case 'AADSTS90023':
      return [
        `Tenant ${config.tenantId} was not found at ${config.authorityHost}. Check tenant-id, and that cloud ` +
          `(${config.cloud.name}) is the cloud the tenant lives in.`
      ]
    case 'AADSTS700024':
    case 'AADSTS500133':
      return [
        'The GitHub OIDC token was expired or not yet valid when Entra checked it: check the runner clock (self-hosted runners) and re-run the job.'
      ]
    case 'AADSTS700027':
      return [
        'Entra could not verify the GitHub OIDC token’s signature: check that the federated credential’s issuer is the one of your GitHub (GHES or GHE.com hosts have their own).'
      ]
    case 'AADSTS53003':
      return [
        'A Conditional Access policy for workload identities blocked the token: ask the tenant’s administrators to allow this app from GitHub-hosted runners’ locations.'
      ]
    case 'AADSTS500011':
    case 'AADSTS650057':
      return [
        `Microsoft Graph (${config.graphEndpoint}) is not known in this tenant: graph-endpoint and cloud must match the tenant’s cloud.`
      ]
    case 'Timeout':
      return [
        'Entra did not answer within timeout-seconds: raise timeout-seconds, or check the network path to the authority host.'
      ]
    case 'NetworkError':
      return [
        'Check that the runner can reach the authority host (DNS, firewall, HTTPS_PROXY / NO_PROXY, TLS certificates in NODE_EXTRA_CA_CERTS).'
      ]
    default:
      return []
  }
}

function federationHints(code: string, config: ActionConfig, presented: FederationClaims | undefined): string[] {
  const hints: string[] = []
  if (code === 'AADSTS7002138')
    hints.push('The subject matches a federated credential only when case is ignored; matching is case-sensitive.')
  if (code === 'AADSTS700211')
    hints.push('The issuer does not match; a trailing "/" on the federated credential’s issuer is a classic cause.')
  if (code === 'AADSTS70021')
    hints.push(
      'A federated credential created in the last minute or two may not be active yet; otherwise none matches.'
    )
  if (!presented) {
    hints.push(
      `Compare the federated credential of app ${config.clientId} with the token's issuer, subject and audience.`
    )
    return hints
  }
  hints.push(
    `The token presented: issuer "${presented.issuer}", subject "${presented.subject}", audience "${presented.audience}". ` +
      `A federated credential on app ${config.clientId} must match all three exactly.`
  )
  const parameters = JSON.stringify({
    name: credentialName(presented.subject),
    issuer: presented.issuer,
    subject: presented.subject,
    audiences: [presented.audience]
  })
  hints.push(
    `To trust exactly this workflow: az ad app federated-credential create --id ${config.clientId} --parameters '${parameters}'`
  )
  return hints
}

/** A federated credential name Entra accepts (letters, digits, '-' and '_', up to 120). */
export function credentialName(subject: string): string {
  const name = `github-${subject}`
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
  return name.slice(0, 120)
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
