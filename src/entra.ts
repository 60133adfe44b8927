import type * as Identity from '@azure/identity'
import type * as RestPipeline from '@azure/core-rest-pipeline'
import type { HttpClient, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline'
import type { SendHttp } from './http.js'
import type { ActionConfig } from './inputs.js'

export type EntraTokenRequest = Pick<
  ActionConfig,
  'tenantId' | 'clientId' | 'authorityHost' | 'graphEndpoint' | 'timeoutMs'
>

/** Retries of the token request inside @azure/identity's pipeline (throttling and 5xx only). */
export const ENTRA_MAX_RETRIES = 2

type EntraSdk = [typeof Identity, typeof RestPipeline]
let sdk: Promise<EntraSdk> | undefined

/**
 * Starts loading @azure/identity (the largest part of the bundle) without waiting for it. Called once the GitHub
 * OIDC request has gone out, so compiling the SDK overlaps the wait for the answer without delaying the request
 * itself; bad input never loads it at all.
 */
export function loadEntraSdk(): Promise<EntraSdk> {
  sdk ??= Promise.all([import('@azure/identity'), import('@azure/core-rest-pipeline')])
  return sdk
}

/** Exchanges the GitHub OIDC token for a Microsoft Graph token through the app's federated credential. */
export async function getEntraToken(
  request: EntraTokenRequest,
  githubIdToken: string,
  send: SendHttp
): Promise<string> {
  const [{ ClientAssertionCredential }, { createHttpHeaders }] = await loadEntraSdk()
  const credential = new ClientAssertionCredential(
    request.tenantId,
    request.clientId,
    // MSAL asks for the assertion more than once per token: hand back the one token fetched for this run.
    () => Promise.resolve(githubIdToken),
    {
      authorityHost: request.authorityHost,
      // The authority is one of the four clouds or an explicit override: skip the discovery round trip.
      disableInstanceDiscovery: true,
      retryOptions: { maxRetries: ENTRA_MAX_RETRIES, retryDelayInMs: 1000, maxRetryDelayInMs: 8000 },
      httpClient: pipelineTransport(send, request.timeoutMs, createHttpHeaders)
    }
  )
  const token = await credential.getToken(`${request.graphEndpoint}/.default`)
  return token.token
}

/**
 * The identity pipeline's transport, on the action's own HTTPS sender: one deadline per attempt covering connect,
 * proxy tunnel and body (the SDK's own timeout does not reach MSAL's requests), and the same proxy handling as the
 * GitHub and Graph calls.
 */
export function pipelineTransport(
  send: SendHttp,
  timeoutMs: number,
  createHttpHeaders: (raw: Record<string, string>) => PipelineResponse['headers']
): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') {
        throw new Error('the Entra transport sends text bodies only')
      }
      const response = await send({
        method: request.method,
        url: request.url,
        headers: request.headers.toJSON(),
        body: request.body ?? undefined,
        timeoutMs,
        signal: request.abortSignal
      })
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = value
      return { request, status: response.status, headers: createHttpHeaders(headers), bodyAsText: response.body }
    }
  }
}
