import type { ActionConfig } from './inputs.js'

export type EntraTokenRequest = Pick<ActionConfig, 'tenantId' | 'clientId' | 'authorityHost' | 'graphEndpoint' | 'timeoutMs'>

/** Retries of the token request inside @azure/identity's pipeline (throttling and 5xx only). */
const ENTRA_MAX_RETRIES = 2

/**
 * Exchanges the GitHub OIDC token for a Microsoft Graph token through the app's federated credential.
 * @azure/identity is loaded here, on first use, so that bad input fails without ever loading it.
 */
export async function getEntraToken(request: EntraTokenRequest, githubIdToken: string): Promise<string> {
  const { ClientAssertionCredential } = await import('@azure/identity')
  const credential = new ClientAssertionCredential(
    request.tenantId,
    request.clientId,
    // MSAL asks for the assertion more than once per token: hand back the one token fetched for this run.
    () => Promise.resolve(githubIdToken),
    {
      authorityHost: request.authorityHost,
      // The authority is one of the four clouds or an explicit override: skip the discovery round trip.
      disableInstanceDiscovery: true,
      retryOptions: { maxRetries: ENTRA_MAX_RETRIES, retryDelayInMs: 1000, maxRetryDelayInMs: 8000 }
    }
  )
  const deadline = AbortSignal.timeout(request.timeoutMs * (ENTRA_MAX_RETRIES + 2))
  const token = await credential.getToken(`${request.graphEndpoint}/.default`, {
    abortSignal: deadline,
    requestOptions: { timeout: request.timeoutMs }
  })
  return token.token
}
