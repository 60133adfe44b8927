/** Retry policy of the Graph call. Pure: time and randomness come in as arguments. */

/** Statuses Graph documents as transient: request timeout, throttling, and gateway/server hiccups. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/**
 * Whether an answer shows the request was refused unprocessed, so that repeating it cannot spend a single-use
 * authorization code twice. 408: the server did not receive the complete request (RFC 9110 §15.5.9). 429: Graph
 * throttles by failing the request and returning a suggested wait (https://learn.microsoft.com/graph/throttling, "What
 * happens when throttling occurs?"). 503 with Retry-After: the server is unable to handle the request now and says
 * when to come back (RFC 9110 §15.6.4, §10.2.3). A 500, 502 or 504 says nothing about whether the request was
 * processed before something failed.
 */
export function isRefusedUnprocessed(status: number, retryAfter: string | undefined): boolean {
  return status === 408 || status === 429 || (status === 503 && Boolean(retryAfter?.trim()))
}

/** A server's Retry-After is honoured up to this long; a longer wait would outlast most jobs' patience. */
export const RETRY_AFTER_MAX_MS = 60_000
/** Backoff without Retry-After: 1 s, 2 s, 4 s … capped at 30 s, times a jitter factor in [0.5, 1). */
export const BACKOFF_BASE_MS = 1_000
export const BACKOFF_MAX_MS = 30_000

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status)
}

/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; a date in the past means "now".
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  if (!/[a-z]/i.test(value)) return undefined
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/** Exponential backoff with jitter for the wait after failed attempt number `attempt` (1-based). */
export function backoffMs(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1))
  return Math.round(ceiling * (0.5 + random / 2))
}

export interface RetryWait {
  ms: number
  /** Where the wait came from, for the log line. */
  source: 'Retry-After' | 'Retry-After (capped)' | 'backoff'
}

/** How long to wait before the next attempt: the server's Retry-After (capped) or the backoff. */
export function retryWait(retryAfterMs: number | undefined, attempt: number, random: number): RetryWait {
  if (retryAfterMs === undefined) return { ms: backoffMs(attempt, random), source: 'backoff' }
  if (retryAfterMs > RETRY_AFTER_MAX_MS) return { ms: RETRY_AFTER_MAX_MS, source: 'Retry-After (capped)' }
  return { ms: retryAfterMs, source: 'Retry-After' }
}
