import type { ClientAssertionCredentialOptions } from '@azure/identity'
import type { HttpClient, Pipeline, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline'
import type { SendHttp } from './http.js'
import type { ActionConfig } from './inputs.js'

export type EntraTokenRequest = Pick<
  ActionConfig,
  'tenantId' | 'clientId' | 'authorityHost' | 'graphEndpoint' | 'timeoutMs'
>

/** Retries of the token request inside @azure/identity's pipeline (throttling and 5xx only). */
export const ENTRA_MAX_RETRIES = 2

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
  send: SendHttp
): Promise<string> {
  const entraSdk = await loadEntraSdk()
  // `pipeline` is not in the credential's public options, but reaches the ServiceClient under IdentityClient as
  // is (@azure/identity 4.14: ClientAssertionCredential → createMsalClient → IdentityClient → ServiceClient uses
  // `options.pipeline`); the e2e test "sends Entra no Accept-Encoding" fails if that stops being true.
  const options: ClientAssertionCredentialOptions & { pipeline: Pipeline } = {
    authorityHost: request.authorityHost,
    // The authority is one of the four clouds or an explicit override: skip the discovery round trip.
    disableInstanceDiscovery: true,
    httpClient: pipelineTransport(send, request.timeoutMs, entraSdk.createHttpHeaders),
    pipeline: entraPipeline(entraSdk)
  }
  const credential = new entraSdk.ClientAssertionCredential(
    request.tenantId,
    request.clientId,
    // MSAL asks for the assertion more than once per token: hand back the one token fetched for this run.
    () => Promise.resolve(githubIdToken),
    options
  )
  const token = await credential.getToken(`${request.graphEndpoint}/.default`)
  return token.token
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
