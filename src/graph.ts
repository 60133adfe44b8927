import { catalogueEntry, docLink, DOC_CONTEXT, hintContext, hintsFor, type CatalogueId } from './catalogue.js'
import { ActionError } from './errors.js'
import { diagnoseGraphResponse, type GraphCall } from './graph-diagnosis.js'
import { excerpt, graphRequestId, parseGraphError } from './graph-error.js'
import type { GraphTokenEvidence } from './graph-token.js'
import type { HttpRequest, HttpResponse, TransportError } from './http.js'
import type { ActionConfig } from './inputs.js'
import { logFragment } from './sanitise.js'

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

/** The warning when Graph announces that this API is going away (Deprecation / Sunset headers), saying what to do. */
export function deprecationWarning(
  response: HttpResponse,
  config: Pick<ActionConfig, 'apiVersion'>
): string | undefined {
  const deprecation = response.headers['deprecation']
  const sunset = response.headers['sunset']
  if (!deprecation && !sunset) return undefined
  const parts = [`Microsoft Graph marks acquireAccessToken as deprecated for api-version ${config.apiVersion}`]
  if (deprecation) parts.push(`Deprecation: ${deprecation}`)
  if (sunset) parts.push(`Sunset: ${sunset} (calls may fail after this date)`)
  const link = response.headers['link']
  if (link) parts.push(`Link: ${link}`)
  const [onBeta, onV1] = catalogueEntry('graph-deprecation-header').fixes(DOC_CONTEXT)
  const fix = config.apiVersion === 'beta' ? onBeta : onV1
  return `${parts.join('; ')}. ${fix}`
}

/** What a Graph failure is judged with besides the answer: the run's configuration, ids and evidence. */
export interface GraphFailureContext {
  config: ActionConfig
  clientRequestId: string
  /** The evidence in the access token the call carried. */
  token: GraphTokenEvidence | undefined
  /** The last attempt was sent and its outcome is unknown (answer lost, or 500/502/504); see sendWithRetries. */
  outcomeUnknown?: boolean
  now: number
}

/** The failure a Graph error response means, with what a person needs to act or open a ticket. */
export function graphResponseError(response: HttpResponse, call: GraphCall, context: GraphFailureContext): ActionError {
  const { config } = context
  if (response.status >= 200 && response.status < 300) {
    return unexpectedBodyError(response, config, context.clientRequestId)
  }
  const info = parseGraphError(response)
  const what = info.code ? `${response.status} ${info.code}` : `HTTP ${response.status}`
  const said = info.message
    ? `: ${info.message}`
    : info.bodyExcerpt
      ? ` with a body that is not Graph's error JSON: "${info.bodyExcerpt}"`
      : info.code
        ? ' with an empty message'
        : ' with an empty body'
  const diagnosis = diagnoseGraphResponse({ response, call, token: context.token, config, now: context.now })
  const guidance = withOutcome(context, diagnosis ? [diagnosis.id] : [], diagnosis?.hints ?? [])
  return new ActionError({
    stage: 'Graph',
    code: guidance.unknown ? 'OutcomeUnknown' : (info.code ?? 'UnexpectedResponse'),
    message: `${call.operation} returned ${what}${said}${guidance.unknown ? OUTCOME_UNKNOWN : ''}`,
    details: [
      ['endpoint', call.url],
      ['request-id', info.requestId ?? ''],
      ['client-request-id', info.clientRequestId ?? context.clientRequestId],
      ['date', info.date ?? ''],
      ['x-ms-ags-diagnostic', response.headers['x-ms-ags-diagnostic'] ?? ''],
      ...(diagnosis?.evidence ?? []),
      guidance.link
    ],
    hints: guidance.hints
  })
}

/** A 2xx with a body: what was received, and why it is not taken for Graph's 204. */
function unexpectedBodyError(response: HttpResponse, config: ActionConfig, clientRequestId: string): ActionError {
  const contentType = logFragment(response.headers['content-type'] ?? 'no content-type', 100)
  const said = excerpt(response.body)
  const requestId = graphRequestId(response.headers)
  const fromGraph = requestId !== ''
  return new ActionError({
    stage: 'Graph',
    code: 'UnexpectedResponse',
    message:
      `acquireAccessToken answered HTTP ${response.status} with a body (${contentType}, ` +
      `${Buffer.byteLength(response.body)} bytes${said ? `: "${said}"` : ''}); Graph documents 204 No Content with ` +
      `no body, so provisioning is not known to be authorized${fromGraph ? '' : ' (no Graph request-id: something else answered)'}`,
    details: [
      ['endpoint', acquireAccessTokenUrl(config)],
      ['request-id', requestId],
      ['client-request-id', clientRequestId]
    ],
    hints: [
      fromGraph
        ? 'The answer carries a Graph request-id: quote it, client-request-id and the date in a support ticket, since Graph documents no body for this call.'
        : `Check graph-endpoint (${config.graphEndpoint}) and any proxy or TLS-inspecting gateway between the runner and Graph: one of them answered instead of Graph.`
    ]
  })
}

/** The failure when the last Graph attempt got no response at all. */
export function graphTransportError(error: TransportError, call: GraphCall, context: GraphFailureContext): ActionError {
  const { config } = context
  const id =
    error.kind === 'timeout'
      ? 'graph-timeout'
      : error.notSent
        ? 'graph-network'
        : error.answerUnreadable
          ? 'graph-answer-unreadable'
          : 'graph-connection-lost'
  const guidance = withOutcome(context, [id], hintsFor(id, hintContext(config)))
  return new ActionError({
    stage: 'Graph',
    code: guidance.unknown ? 'OutcomeUnknown' : error.kind === 'timeout' ? 'Timeout' : 'NetworkError',
    message: `${call.operation} ${error.answerUnreadable ? 'got an answer it could not read' : 'got no response'}: ${error.message}${guidance.unknown ? OUTCOME_UNKNOWN : ''}`,
    details: [['endpoint', call.url], ['client-request-id', context.clientRequestId], guidance.link],
    hints: guidance.hints
  })
}

const OUTCOME_UNKNOWN = '; the request carried an authorization code, and the authorization may have succeeded'

/** Whether the credentials carry a single-use authorization code, which must never be sent twice for one outcome. */
export function sendsAuthorizationCode(config: Pick<ActionConfig, 'credentials'>): boolean {
  return config.credentials.some((credential) => credential.key === 'Oauth2AuthorizationCode')
}

/**
 * The diagnosis's hints and document link. When a code was sent and the outcome is unknown, the evidence's cause
 * leads, then what the unknown outcome means and how to check it before spending a new code (the evidence's own
 * fixes, "re-run", "raise max-attempts", would spend or waste it).
 */
function withOutcome(
  context: GraphFailureContext,
  ids: CatalogueId[],
  hints: string[]
): { unknown: boolean; link: readonly [string, string]; hints: string[] } {
  const unknown = Boolean(context.outcomeUnknown) && sendsAuthorizationCode(context.config)
  if (!unknown) return { unknown, link: ['troubleshooting', ids.map(docLink).join(', ')], hints }
  const all: CatalogueId[] = [...ids, 'graph-outcome-unknown']
  return {
    unknown,
    link: ['troubleshooting', all.map(docLink).join(', ')],
    hints: [...hints.slice(0, 1), ...hintsFor('graph-outcome-unknown', hintContext(context.config))]
  }
}
