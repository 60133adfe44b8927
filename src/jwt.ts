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
  /** The deployment environment the job declared; '' when it declared none. */
  environment: string
  /** owner/name of the repository the workflow ran in. */
  repository: string
  /** The workflow file that defines the job (a reusable workflow's own, when the job is in one). */
  jobWorkflowRef: string
}

export function federationClaims(token: string): FederationClaims | undefined {
  const claims = decodeJwtClaims(token)
  if (!claims) return undefined
  const audience = Array.isArray(claims.aud) ? claims.aud.join(', ') : claims.aud
  const text = (value: unknown): string => (typeof value === 'string' ? value : '')
  return {
    issuer: String(claims.iss ?? ''),
    subject: String(claims.sub ?? ''),
    audience: String(audience ?? ''),
    environment: text(claims.environment),
    repository: text(claims.repository),
    jobWorkflowRef: text(claims.job_workflow_ref)
  }
}
