import { decodeJwtClaims } from './jwt.js'

/**
 * What the Microsoft Graph access token says about the caller, decoded from its claims (never the token itself):
 * the evidence a Graph 401/403 diagnosis stands on. Claims are not verified; Graph verifies them, we only read.
 */
export interface GraphTokenEvidence {
  /** `aud`: the resource the token is for (a Graph root such as https://graph.microsoft.com, or Graph's app id). */
  audience: string
  /** `tid`: the tenant that issued it. */
  tenantId: string
  /** `oid`: the object id of the caller's service principal (what ownership of a target names). */
  objectId: string
  /** `appid` (v1 tokens) or `azp` (v2 tokens): the caller's application (client) id. */
  appId: string
  /** `roles`: the application permissions granted with admin consent. */
  roles: string[]
  /** `wids`: the directory roles (template ids) assigned to the caller. */
  directoryRoles: string[]
  /** `exp` in milliseconds since the epoch. */
  expiresAt: number | undefined
}

/** The evidence in a Graph access token, or undefined when it is not a JWT with a JSON payload. */
export function readGraphToken(token: string): GraphTokenEvidence | undefined {
  const claims = decodeJwtClaims(token)
  if (!claims) return undefined
  const text = (value: unknown): string => (typeof value === 'string' ? value : '')
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
  return {
    audience: Array.isArray(claims.aud) ? list(claims.aud).join(', ') : text(claims.aud),
    tenantId: text(claims.tid),
    objectId: text(claims.oid),
    appId: text(claims.appid) || text(claims.azp),
    roles: list(claims.roles),
    directoryRoles: list(claims.wids),
    expiresAt: typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined
  }
}
