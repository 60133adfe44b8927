import { ActionError } from './errors.js'
import { excerpt, parseGraphError } from './graph-error.js'
import type { HttpRequest, HttpResponse, TransportError } from './http.js'
import type { ActionConfig } from './inputs.js'
import { logFragment } from './sanitise.js'

export const LEAST_PRIVILEGED_PERMISSION = 'Application.ReadWrite.OwnedBy'
export const BROADER_PERMISSION = 'Synchronization.ReadWrite.All'

/** The full acquireAccessToken URL of the configured target, cloud and API version. */
export function acquireAccessTokenUrl(config: Pick<ActionConfig, 'graphEndpoint' | 'apiVersion' | 'target'>): string {
  const { graphEndpoint, apiVersion, target } = config
  return `${graphEndpoint}/${apiVersion}/${target.kind}/${encodeURIComponent(target.id)}/synchronization/acquireAccessToken`
}

export function buildGraphRequest(
  config: ActionConfig,
  accessToken: string,
  clientRequestId: string,
  userAgent: string
): HttpRequest {
  return {
    method: 'POST',
    url: acquireAccessTokenUrl(config),
    headers: {
      authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
      accept: 'application/json',
      'client-request-id': clientRequestId,
      'return-client-request-id': 'true',
      'user-agent': userAgent
    },
    body: JSON.stringify({ credentials: config.credentials.map(({ key, value }) => ({ key, value })) }),
    timeoutMs: config.timeoutMs
  }
}

/**
 * Graph documents `204 No Content` for acquireAccessToken
 * (https://learn.microsoft.com/graph/api/synchronization-synchronization-acquireaccesstoken, "Response"). Any 2xx
 * without a body is accepted as the same answer; a 2xx with a body did not come from Graph's acquireAccessToken (a
 * proxy, a captive portal, a mistyped graph-endpoint) and is a failure.
 */
export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300 && response.body.trim() === ''
}

/** A warning when Graph announces that this API is going away (Deprecation / Sunset headers). */
export function deprecationWarning(response: HttpResponse): string | undefined {
  const deprecation = response.headers['deprecation']
  const sunset = response.headers['sunset']
  if (!deprecation && !sunset) return undefined
  const parts = ['Microsoft Graph marks acquireAccessToken as deprecated for this API version']
  if (deprecation) parts.push(`Deprecation: ${deprecation}`)
  if (sunset) parts.push(`Sunset: ${sunset} (calls may fail after this date)`)
  const link = response.headers['link']
  if (link) parts.push(`Link: ${link}`)
  return `${parts.join('; ')}. Plan the move to the successor API before the sunset date.`
}

/** The failure a Graph error response means, with what a person needs to act or open a ticket. */
export function graphResponseError(response: HttpResponse, config: ActionConfig, clientRequestId: string): ActionError {
  if (response.status >= 200 && response.status < 300) return unexpectedBodyError(response, config, clientRequestId)
  const info = parseGraphError(response)
  const what = info.code ? `${response.status} ${info.code}` : `HTTP ${response.status}`
  const said = info.message
    ? `: ${info.message}`
    : info.bodyExcerpt
      ? ` with a body that is not Graph's error JSON: "${info.bodyExcerpt}"`
      : info.code
        ? ' with an empty message'
        : ' with an empty body'
  return new ActionError({
    stage: 'Graph',
    code: info.code ?? 'UnexpectedResponse',
    message: `acquireAccessToken returned ${what}${said}`,
    details: [
      ['endpoint', acquireAccessTokenUrl(config)],
      ['request-id', info.requestId ?? ''],
      ['client-request-id', info.clientRequestId ?? clientRequestId],
      ['date', info.date ?? ''],
      ['x-ms-ags-diagnostic', response.headers['x-ms-ags-diagnostic'] ?? '']
    ],
    hints: graphHints(response.status, info.code, config)
  })
}

/** A 2xx with a body: what was received, and why it is not taken for Graph's 204. */
function unexpectedBodyError(response: HttpResponse, config: ActionConfig, clientRequestId: string): ActionError {
  const contentType = logFragment(response.headers['content-type'] ?? 'no content-type', 100)
  const said = excerpt(response.body)
  return new ActionError({
    stage: 'Graph',
    code: 'UnexpectedResponse',
    message:
      `acquireAccessToken answered HTTP ${response.status} with a body (${contentType}, ` +
      `${Buffer.byteLength(response.body)} bytes${said ? `: "${said}"` : ''}); Graph answers 204 No Content with no ` +
      'body, so this answer did not come from Graph and provisioning is not known to be authorized',
    details: [
      ['endpoint', acquireAccessTokenUrl(config)],
      ['client-request-id', clientRequestId]
    ],
    hints: [
      `Check graph-endpoint (${config.graphEndpoint}) and any proxy or TLS-inspecting gateway between the runner and Graph: one of them answered instead of Graph.`
    ]
  })
}

/** The failure when the last Graph attempt got no response at all. */
export function graphTransportError(error: TransportError, config: ActionConfig, clientRequestId: string): ActionError {
  const timedOut = error.kind === 'timeout'
  return new ActionError({
    stage: 'Graph',
    code: timedOut ? 'Timeout' : 'NetworkError',
    message: `acquireAccessToken got no response: ${error.message}`,
    details: [
      ['endpoint', acquireAccessTokenUrl(config)],
      ['client-request-id', clientRequestId]
    ],
    hints: [
      timedOut
        ? 'Graph did not answer within timeout-seconds; raise timeout-seconds or max-attempts, or check the runner’s network path to the Graph host.'
        : 'Check that the runner can reach the Graph host (DNS, firewall, HTTPS_PROXY / NO_PROXY, TLS inspection certificates in NODE_EXTRA_CA_CERTS).'
    ]
  })
}

export function graphHints(status: number, code: string | undefined, config: ActionConfig): string[] {
  const hints: string[] = []
  const lookupCommand =
    config.target.kind === 'servicePrincipals'
      ? 'az ad sp show --id <appId> --query id -o tsv'
      : 'az ad app show --id <appId> --query id -o tsv'
  if (status === 401 || status === 403) {
    hints.push(
      `The app ${config.clientId} needs the Microsoft Graph application permission ${LEAST_PRIVILEGED_PERMISSION} ` +
        `(and must be an owner of the target) or ${BROADER_PERMISSION}, granted with admin consent. ` +
        'A 401 with an empty message on synchronization endpoints usually means exactly this.'
    )
    hints.push('A newly granted permission reaches the token only after consent; re-run the job a few minutes later.')
  } else if (status === 404) {
    const input = config.target.kind === 'servicePrincipals' ? 'service-principal-id' : 'application-id'
    hints.push(
      `${input} must be the object ID of the ${config.target.kind === 'servicePrincipals' ? 'service principal (Enterprise application)' : 'application registration'}, ` +
        `not the application (client) ID. Look it up with: ${lookupCommand}`
    )
    hints.push('It must also live in the tenant of tenant-id and in the cloud of the cloud input.')
  } else if (status === 400 && code) {
    hints.push('Check the credentials keys against what this application’s provisioning connector expects.')
  } else if (status === 429) {
    hints.push('Graph kept throttling through every attempt: re-run later, or raise max-attempts.')
  } else if (status >= 500) {
    hints.push(
      'Graph reported a server error through every attempt: re-run later; quote request-id and date in a support ticket.'
    )
  }
  return hints
}
