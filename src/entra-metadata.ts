import type { SendHttp } from './http.js'
import type { ActionConfig } from './inputs.js'
import { parseJsonObject } from './json.js'

/**
 * MSAL reports a failed metadata download as a bare "endpoints_resolution_error", dropping Entra's answer (an
 * unknown tenant's AADSTS90002, say). On that failure only, fetch the metadata once more to get the real reason.
 * Returns something readEntraError understands, or undefined when the metadata now looks fine.
 */
export async function explainMetadataFailure(
  send: SendHttp,
  config: Pick<ActionConfig, 'authorityHost' | 'tenantId' | 'timeoutMs'>
): Promise<unknown> {
  const url = `${config.authorityHost}/${encodeURIComponent(config.tenantId)}/v2.0/.well-known/openid-configuration`
  let response
  try {
    response = await send({ method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs: config.timeoutMs })
  } catch (error) {
    return error
  }
  if (response.status === 200) return undefined
  // Anything but Entra's error JSON is described by its status below.
  const body = parseJsonObject(response.body) ?? {}
  return {
    statusCode: response.status,
    errorCode: typeof body.error === 'string' ? body.error : undefined,
    message:
      typeof body.error_description === 'string'
        ? body.error_description
        : `the OpenID metadata at ${url} answered HTTP ${response.status}`
  }
}

export function isMetadataFailure(thrown: unknown): boolean {
  const text = thrown instanceof Error ? `${thrown.name} ${thrown.message}` : String(thrown)
  return /endpoints_resolution_error/.test(text) && !/AADSTS\d+/.test(text)
}
