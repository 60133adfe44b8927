import { decodeJwtClaims } from './jwt.js'

/**
 * Stand-in for issue-8's module of the same name (readGraphToken → evidence), with the same interface, so the
 * rehearsal builds before that branch is merged. At merge, issue-8's file replaces this one.
 */
export interface GraphTokenEvidence {
  audience: string
  tenantId: string
  objectId: string
  appId: string
  roles: string[]
  directoryRoles: string[]
  expiresAt: Date | undefined
}

export function readGraphToken(token: string): GraphTokenEvidence | undefined {
  const claims = decodeJwtClaims(token)
  if (!claims) return undefined
  const text = (value: unknown): string => (typeof value === 'string' ? value : '')
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [])
  return {
    audience: text(claims.aud),
    tenantId: text(claims.tid),
    objectId: text(claims.oid),
    appId: text(claims.appid) || text(claims.azp),
    roles: list(claims.roles),
    directoryRoles: list(claims.wids),
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined
  }
}
