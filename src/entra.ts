import type { ClientAssertionCredentialOptions } from '@azure/identity'
import type { HttpClient, Pipeline, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline'
import type { SendHttp } from './http.js'
import { RETRY_AFTER_MAX_MS } from './retry.js'
import { TransportError } from './transport-error.js'
import type { ActionConfig } from './inputs.js'

export type EntraTokenRequest = Pick<
  ActionConfig,
  'tenantId' | 'clientId' | 'authorityHost' | 'graphEndpoint' | 'timeoutMs'
>

/** Retries of the token request inside @azure/identity's pipeline (throttling and 5xx only). */
export const ENTRA_MAX_RETRIES = 2
/** Requests of the Entra stage: the OpenID metadata (skipped where MSAL knows the authority) and the token. */
export const ENTRA_REQUESTS = 2

/**
 * How long the whole Entra stage may take: each of its requests tried 1 + ENTRA_MAX_RETRIES times at
 * timeout-seconds each, throttling waits included (a wait that would pass it is not waited).
 */
export function entraDeadlineMs(timeoutMs: number): number {
  return ENTRA_REQUESTS * (1 + ENTRA_MAX_RETRIES) * timeoutMs
}

// Each import() is destructured where it is awaited: that is what lets the bundler leave out the rest of the
// package (the other credentials, managed identity, the CLI helpers). Names are type-checked against the package.
async function importIdentity() {
  const { ClientAssertionCredential } = await import('@azure/identity')
  return { ClientAssertionCredential }
}

async function importPipeline() {
  const { createHttpHeaders, createPipelineFromOptions, decompressResponsePolicyName, formDataPolicyName } =
    await import('@azure/core-rest-pipeline')
  return { createHttpHeaders, createPipelineFromOptions, decompressResponsePolicyName, formDataPolicyName }
}

export type EntraSdk = Awaited<ReturnType<typeof importIdentity>> & Awaited<ReturnType<typeof importPipeline>>
let sdk: Promise<EntraSdk> | undefined

/**
 * Starts loading @azure/identity (the largest part of the bundle) without waiting for it. Called once the GitHub
 * OIDC request has gone out, so compiling the SDK overlaps the wait for the answer without delaying the request
 * itself; bad input never loads it at all.
 */
export function loadEntraSdk(): Promise<EntraSdk> {
  sdk ??= Promise.all([importIdentity(), importPipeline()]).then(([identity, pipeline]) => ({
    ...identity,
    ...pipeline
  }))
  return sdk
}

/** Exchanges the GitHub OIDC token for a Microsoft Graph token through the app's federated credential. */
export async function getEntraToken(
  request: EntraTokenRequest,
  githubIdToken: string,
  send: SendHttp,
  log: (message: string) => void = () => undefined,
  now: () => number = Date.now
): Promise<string> {
  const entraSdk = await loadEntraSdk()
  const transport = pipelineTransport(send, request.timeoutMs, entraSdk.createHttpHeaders, {
    deadline: now() + entraDeadlineMs(request.timeoutMs),
    deadlineMs: entraDeadlineMs(request.timeoutMs),
    now,
    log
  })
  // `pipeline` is not in the credential's public options, but reaches the ServiceClient under IdentityClient as
  // is (@azure/identity 4.14: ClientAssertionCredential → createMsalClient → IdentityClient → ServiceClient uses
  // `options.pipeline`); the e2e test "sends Entra no Accept-Encoding" fails if that stops being true.
  const options: ClientAssertionCredentialOptions & { pipeline: Pipeline } = {
    authorityHost: request.authorityHost,
    // The authority is one of the four clouds or an explicit override: skip the discovery round trip.
    disableInstanceDiscovery: true,
    httpClient: transport,
    pipeline: entraPipeline(entraSdk)
  }
  const credential = new entraSdk.ClientAssertionCredential(
    request.tenantId,
    request.clientId,
    // MSAL asks for the assertion more than once per token: hand back the one token fetched for this run.
    () => Promise.resolve(githubIdToken),
    options
  )
  try {
    const token = await credential.getToken(`${request.graphEndpoint}/.default`)
    return token.token
  } catch (error) {
    // MSAL reports a request that got no answer as a bare network_error; the transport knows whether it timed out.
    throw transport.lastFailure() ?? error
  }
}

/** The Entra stage's deadline, as the transport enforces it. */
export interface EntraStageLimits {
  /** Epoch milliseconds by which the stage must be done. */
  deadline: number
  /** The stage's length, for messages. */
  deadlineMs: number
  now(): number
  log(message: string): void
}

export interface EntraTransport extends HttpClient {
  /** Why the last request got no answer; undefined once a later one got an answer. */
  lastFailure(): TransportError | undefined
}

/**
 * The pipeline @azure/identity would build, with its retries, less two policies that only cost here: the form-data
 * policy reads `typeof FormData`, which loads Node's internal undici (≈ 13 ms) though MSAL sends text bodies; the
 * decompression policy advertises `Accept-Encoding: gzip, deflate` to a transport that never decompresses.
 */
export function entraPipeline(
  entraSdk: Pick<EntraSdk, 'createPipelineFromOptions' | 'decompressResponsePolicyName' | 'formDataPolicyName'>
): Pipeline {
  const pipeline = entraSdk.createPipelineFromOptions({
    retryOptions: { maxRetries: ENTRA_MAX_RETRIES, retryDelayInMs: 1000, maxRetryDelayInMs: 8000 }
  })
  pipeline.removePolicy({ name: entraSdk.formDataPolicyName })
  pipeline.removePolicy({ name: entraSdk.decompressResponsePolicyName })
  return pipeline
}

/**
 * The identity pipeline's transport, on the action's own HTTPS sender: one deadline per attempt covering connect,
 * proxy tunnel and body (the SDK's own timeout does not reach MSAL's requests), and the same proxy handling as the
 * GitHub and Graph calls. It also bounds the SDK's waits: its throttling policy obeys Retry-After as sent, so a
 * wait over RETRY_AFTER_MAX_MS is rewritten to that cap, and one that would pass the stage's deadline is not waited.
 */
export function pipelineTransport(
  send: SendHttp,
  timeoutMs: number,
  createHttpHeaders: (raw: Record<string, string>) => PipelineResponse['headers'],
  limits?: EntraStageLimits
): EntraTransport {
  let lastFailure: TransportError | undefined
  const fail = (error: TransportError): TransportError => (lastFailure = error)
  const deadlineText = (): string =>
    `the Entra stage's deadline of ${(limits?.deadlineMs ?? 0) / 1000} s (timeout-seconds × ${ENTRA_REQUESTS * (1 + ENTRA_MAX_RETRIES)} requests)`
  return {
    lastFailure: () => lastFailure,
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') {
        throw new Error('the Entra transport sends text bodies only')
      }
      const remaining = limits ? limits.deadline - limits.now() : timeoutMs
      if (remaining <= 0)
        throw fail(new TransportError('timeout', `Entra did not issue a token within ${deadlineText()}`))
      let response
      try {
        response = await send({
          method: request.method,
          url: request.url,
          headers: request.headers.toJSON(),
          body: request.body ?? undefined,
          timeoutMs: Math.min(timeoutMs, remaining),
          signal: request.abortSignal
        })
      } catch (error) {
        if (error instanceof TransportError) fail(error)
        throw error
      }
      lastFailure = undefined
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = value
      const wait = throttlingWaitMs(response.status, headers, limits?.now() ?? Date.now())
      if (wait !== undefined) {
        const capped = Math.min(wait, RETRY_AFTER_MAX_MS)
        if (limits && limits.now() + capped >= limits.deadline) {
          throw fail(
            new TransportError(
              'timeout',
              `Entra answered HTTP ${response.status} asking to wait ${(wait / 1000).toFixed(1)} s, past ${deadlineText()}; not waiting`
            )
          )
        }
        if (capped < wait) {
          limits?.log(
            `Entra answered HTTP ${response.status} asking to wait ${(wait / 1000).toFixed(1)} s; ` +
              `the action waits at most ${RETRY_AFTER_MAX_MS / 1000} s`
          )
        }
        for (const name of THROTTLING_HEADERS) delete headers[name]
        headers['retry-after-ms'] = String(capped)
      }
      return { request, status: response.status, headers: createHttpHeaders(headers), bodyAsText: response.body }
    }
  }
}

/**
 * The headers @azure/core-rest-pipeline's throttling policy reads, in its order, on a 429 or 503: retry-after-ms and
 * x-ms-retry-after-ms in milliseconds, then Retry-After in seconds or as an HTTP date
 * (@typespec/ts-http-runtime retryStrategies/throttlingRetryStrategy.js, getRetryAfterInMs).
 */
const THROTTLING_HEADERS = ['retry-after-ms', 'x-ms-retry-after-ms', 'retry-after'] as const

/** The wait the SDK would take from these headers, read as it reads them; undefined when it would not wait. */
function throttlingWaitMs(status: number, headers: Record<string, string>, nowMs: number): number | undefined {
  if (status !== 429 && status !== 503) return undefined
  for (const name of THROTTLING_HEADERS) {
    const value = headers[name] ? Number(headers[name]) : Number.NaN
    if (!Number.isNaN(value)) return Math.max(0, value * (name === 'retry-after' ? 1000 : 1))
  }
  const date = Date.parse(headers['retry-after'] ?? '')
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined
}
