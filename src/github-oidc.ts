import { sendWithRetries, type AttemptClock } from './attempts.js'
import { docLink, DOC_CONTEXT, hintsFor, type CatalogueId } from './catalogue.js'
import { ActionError } from './errors.js'
import { excerpt } from './graph-error.js'
import type { SendHttp } from './http.js'
import type { JobContext } from './job-context.js'
import { parseJsonObject } from './json.js'

/** The token service URL with the audience added, keeping the query the runner gave (api-version=2.0). */
export function oidcTokenUrl(requestUrl: string, audience: string): string {
  const url = new URL(requestUrl)
  url.searchParams.set('audience', audience)
  return url.toString()
}

export interface OidcRequest {
  env: NodeJS.ProcessEnv
  audience: string
  timeoutMs: number
  send: SendHttp
  clock: AttemptClock
  log(message: string): void
  /** Called with the token as soon as it arrives, before anything else can print it. */
  mask(secret: string): void
  /** Called when the request has gone out, so the caller can use the wait. */
  onSent?: () => void
  /** The job's context, read only when there is no token service (to tell a fork pull request from a permission). */
  jobContext(): Promise<JobContext | undefined>
}

/** The job's GitHub OIDC token for `audience`, requested once (retried only when the service is unwell). */
export async function requestGitHubIdToken(request: OidcRequest): Promise<string> {
  const requestUrl = request.env.ACTIONS_ID_TOKEN_REQUEST_URL
  const requestToken = request.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (!requestUrl || !requestToken) {
    const missing = !requestUrl ? 'ACTIONS_ID_TOKEN_REQUEST_URL' : 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
    const job = await request.jobContext()
    throw oidcError(
      `the runner gave this job no OIDC token service (${missing} is not set)`,
      job?.forkPullRequest ? 'oidc-fork-pull-request' : 'oidc-no-permission',
      [
        ['event', job ? `${job.eventName || 'unknown'}${job.forkPullRequest ? ' from a fork' : ''}` : ''],
        ['workflow ref', job?.workflowRef ?? '']
      ]
    )
  }
  request.mask(requestToken)
  let url: string
  try {
    url = oidcTokenUrl(requestUrl, request.audience)
  } catch {
    throw oidcError('ACTIONS_ID_TOKEN_REQUEST_URL is not a valid URL')
  }
  const result = await sendWithRetries(
    request.send,
    {
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json; api-version=2.0' },
      timeoutMs: request.timeoutMs,
      onSent: request.onSent
    },
    3,
    request.clock,
    request.log,
    'GitHub OIDC'
  )
  const { response } = result
  if (!response) {
    const error = result.transportError
    throw new ActionError({
      stage: 'GitHub OIDC',
      code: error?.kind === 'timeout' ? 'Timeout' : 'NetworkError',
      message: `no response from the token service: ${error?.message ?? 'unknown error'}`,
      details: [['troubleshooting', docLink('oidc-unavailable')]],
      hints: hintsFor('oidc-unavailable', DOC_CONTEXT)
    })
  }
  const token = readTokenValue(response.body)
  if (token) request.mask(token)
  if (response.status !== 200) {
    const said = excerpt(response.body)
    throw oidcError(
      `the token service answered HTTP ${response.status}${said ? `: ${said}` : ''}`,
      response.status === 401 || response.status === 403 ? 'oidc-refused' : 'oidc-unavailable'
    )
  }
  if (!token) throw oidcError('the token service answered without a token (no "value" in its JSON)')
  return token
}

function readTokenValue(body: string): string | undefined {
  const value = parseJsonObject(body)?.value
  return typeof value === 'string' && value !== '' ? value : undefined
}

function oidcError(message: string, id?: CatalogueId, evidence: Array<readonly [string, string]> = []): ActionError {
  return new ActionError({
    stage: 'GitHub OIDC',
    code: 'OidcTokenUnavailable',
    message,
    details: [...evidence, ['troubleshooting', id ? docLink(id) : '']],
    // OIDC entries name no run-time value: their hints read as the document prints them.
    hints: id ? hintsFor(id, DOC_CONTEXT) : []
  })
}
