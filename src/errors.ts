import { logFragment, MAX_LOG_MESSAGE_CHARS } from './sanitise.js'

/** The step of the action that failed; it leads every failure message. */
export type Stage = 'inputs' | 'GitHub OIDC' | 'Entra' | 'Graph'

/** The action's own error codes, used when no Graph `error.code` or `AADSTSnnnn` code is available. */
export type OwnErrorCode =
  | 'InvalidInput'
  | 'OidcTokenUnavailable'
  | 'Timeout'
  | 'NetworkError'
  | 'UnexpectedResponse'
  // a request carrying a single-use authorization code was sent and its answer lost: not retried, maybe authorized
  | 'OutcomeUnknown'
  // dry-run checks of the Graph token's claims
  | 'MissingGraphPermission'
  | 'TokenAudienceMismatch'
  | 'TokenTenantMismatch'
  | 'NotTargetOwner'

export interface ActionErrorFields {
  stage: Stage
  /** Graph `error.code`, `AADSTSnnnn`, or one of the action's own codes. */
  code: string
  message: string
  /** Support-ticket facts (request-id, dates, trace ids), printed as `name: value` lines in this order. */
  details?: ReadonlyArray<readonly [string, string]>
  /** What the user can do about it; one sentence each. */
  hints?: readonly string[]
}

/** A failure the action understands: every stage turns what went wrong into one of these. */
export class ActionError extends Error {
  readonly stage: Stage
  readonly code: string
  readonly details: ReadonlyArray<readonly [string, string]>
  readonly hints: readonly string[]

  constructor(fields: ActionErrorFields) {
    super(fields.message)
    this.name = 'ActionError'
    this.stage = fields.stage
    this.code = fields.code
    this.details = fields.details ?? []
    this.hints = fields.hints ?? []
  }
}

/** Anything thrown, as an ActionError: unknown throwables keep their text but never their stack. */
export function toActionError(thrown: unknown, stage: Stage): ActionError {
  if (thrown instanceof ActionError) return thrown
  const message = thrown instanceof Error ? thrown.message : typeof thrown === 'string' ? thrown : safeStringify(thrown)
  return new ActionError({ stage, code: 'UnexpectedResponse', message: message || 'unknown error' })
}

/** The text of the single `::error::` annotation: stage, code, message, the facts, then the hints. */
export function formatFailure(error: ActionError): string {
  const lines = [`${error.stage}: ${error.message}`]
  lines.push(`error-code: ${error.code}`)
  // Details and hints hold server text (token claims, Graph's ids): each stays on its own line, whatever it carries.
  const oneLine = (text: string): string => logFragment(text, MAX_LOG_MESSAGE_CHARS)
  for (const [name, value] of error.details) {
    if (value) lines.push(`${name}: ${oneLine(value)}`)
  }
  for (const hint of error.hints) lines.push(`hint: ${oneLine(hint)}`)
  return lines.join('\n')
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
