import type { HttpResponse } from './http.js'
import { parseJsonObject } from './json.js'
import { logFragment } from './sanitise.js'

/** What a Graph error response says, whichever of its spellings or shapes it came in. */
export interface GraphErrorInfo {
  code: string | undefined
  message: string | undefined
  requestId: string | undefined
  clientRequestId: string | undefined
  date: string | undefined
  /** A short, single-line excerpt of a body that was not Graph's JSON (an HTML page from a gateway, say). */
  bodyExcerpt: string | undefined
}

/**
 * Reads `{"error": {"code", "message", "innerError": {"date", "request-id", "client-request-id"}}}` with any
 * casing of the property names, falling back to the response headers for ids and date.
 */
export function parseGraphError(response: HttpResponse): GraphErrorInfo {
  const error = lookup(parseJsonObject(response.body), 'error')
  const inner = lookup(error, 'innerError')
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? logFragment(value.trim()) : undefined
  const isJsonError = typeof error === 'object' && error !== null
  const details = lookup(error, 'details')
  const firstDetail: unknown = Array.isArray(details) ? details[0] : undefined
  return {
    code: text(lookup(error, 'code')),
    // Some services leave the top-level message empty and explain in innerError or details.
    message: text(lookup(error, 'message')) ?? text(lookup(inner, 'message')) ?? text(lookup(firstDetail, 'message')),
    requestId: text(lookup(inner, 'request-id')) ?? text(response.headers['request-id']),
    clientRequestId: text(lookup(inner, 'client-request-id')) ?? text(response.headers['client-request-id']),
    date: text(lookup(inner, 'date')) ?? text(response.headers['date']),
    bodyExcerpt: isJsonError ? undefined : excerpt(response.body)
  }
}

/** Property `name` of `value`, matched case-insensitively (Graph writes both innerError and innererror). */
function lookup(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  const wanted = name.toLowerCase()
  const match = Object.keys(value).find((key) => key.toLowerCase() === wanted)
  return match === undefined ? undefined : (value as Record<string, unknown>)[match]
}

/** Visible text of a body, tags stripped and white space folded, on one line and cut to 200 characters. */
export function excerpt(body: string): string | undefined {
  // Only the start of a body is read: the lazy match below is quadratic on a page of unclosed tags (16 KiB: ~20 ms).
  const text = body
    .slice(0, EXCERPT_SOURCE_CHARS)
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (text === '') return undefined
  return logFragment(text, EXCERPT_CHARS)
}

const EXCERPT_CHARS = 200
const EXCERPT_SOURCE_CHARS = 16 * 1024

const GRAPH_REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Graph's request-id header when it is one (Graph writes a GUID); '' for anything else a proxy or gateway may have
 * put there, so the request-id output and the summary hold an id a support ticket can use, or nothing.
 */
export function graphRequestId(headers: Record<string, string | undefined>): string {
  const value = headers['request-id']?.trim() ?? ''
  return GRAPH_REQUEST_ID.test(value) ? value : ''
}
