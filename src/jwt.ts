import { parseJsonObject } from './json.js'

/** The claims of a JWT, decoded without verification (only to explain mismatches; claims are not secret). */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  return parseJsonObject(Buffer.from(payload, 'base64url').toString('utf8'))
}

/** The issuer, subject and audience a federated credential is matched against. */
export interface FederationClaims {
  issuer: string
  subject: string
  audience: string
}

export function federationClaims(token: string): FederationClaims | undefined {
  const claims = decodeJwtClaims(token)
  if (!claims) return undefined
  const audience = Array.isArray(claims.aud) ? claims.aud.join(', ') : claims.aud
  return {
    issuer: String(claims.iss ?? ''),
    subject: String(claims.sub ?? ''),
    audience: String(audience ?? '')
  }
}
