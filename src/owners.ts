import { sendWithRetries, type AttemptClock } from './attempts.js'
import type { HttpRequest, SendHttp } from './http.js'
import type { ActionConfig } from './inputs.js'
import { buildGraphGet, describeStatus } from './jobs.js'
import { parseJsonObject } from './json.js'

/*
 * Whether the caller owns the target, read with Graph's list owners on the same object:
 * GET /{v1.0|beta}/{servicePrincipals|applications}/{id}/owners?$select=id
 * (https://learn.microsoft.com/graph/api/serviceprincipal-list-owners,
 * https://learn.microsoft.com/graph/api/application-list-owners). Application permissions: Application.Read.All, or
 * Application.ReadWrite.OwnedBy, Application.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All. Under
 * Application.ReadWrite.OwnedBy acquireAccessToken reaches only owned objects, and reading the jobs proves nothing
 * about that when another permission reads them tenant-wide: only the owners list says it.
 */

/** What the owners list came to: whether it names the caller, or why that is not known. */
export type OwnershipRead = { owner: boolean } | { unknown: string }

export function ownersUrl(config: Pick<ActionConfig, 'graphEndpoint' | 'apiVersion' | 'target'>): string {
  const { graphEndpoint, apiVersion, target } = config
  return `${graphEndpoint}/${apiVersion}/${target.kind}/${encodeURIComponent(target.id)}/owners?$select=id`
}

export function buildOwnersRequest(
  config: ActionConfig,
  accessToken: string,
  clientRequestId: string,
  userAgent: string
): HttpRequest {
  return buildGraphGet(ownersUrl(config), config, accessToken, clientRequestId, userAgent)
}

/** Reads the owners and looks for `callerObjectId` among them (ids compared without regard to case). */
export async function readOwnership(
  send: SendHttp,
  request: HttpRequest,
  callerObjectId: string,
  maxAttempts: number,
  clock: AttemptClock,
  log: (message: string) => void
): Promise<OwnershipRead> {
  const { response, transportError } = await sendWithRetries(send, request, maxAttempts, clock, log, 'Graph')
  if (!response)
    return { unknown: `Graph did not answer the owners list (${transportError?.message ?? 'no response'})` }
  if (response.status !== 200)
    return { unknown: `Graph refused to list the target’s owners (${describeStatus(response)})` }
  const root = parseJsonObject(response.body)
  if (!root || !Array.isArray(root.value)) return { unknown: 'the owners list Graph answered is not a JSON collection' }
  const wanted = callerObjectId.toLowerCase()
  const owner = (root.value as unknown[]).some(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { id?: unknown }).id === 'string' &&
      (item as { id: string }).id.toLowerCase() === wanted
  )
  // Graph pages owners; the action reads one page, so an absence on a partial list proves nothing.
  if (!owner && root['@odata.nextLink'] !== undefined) {
    return { unknown: 'the caller is not on the first page of owners and the action reads only one' }
  }
  return { owner }
}
