import type { Fault } from './party.js'

/** The faults the sandbox can play, by name: used by the end-to-end tests, the demo and the bench. */
export const faults = {
  throttled: (retryAfterSeconds?: number): Fault => ({
    kind: 'status',
    status: 429,
    contentType: 'application/json',
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: JSON.stringify({
      error: { code: 'TooManyRequests', message: 'Too many requests.', innerError: { date: new Date().toISOString() } }
    })
  }),
  throttledUntil: (date: Date): Fault => ({
    kind: 'status',
    status: 429,
    headers: { 'retry-after': date.toUTCString() },
    body: ''
  }),
  unavailable: (retryAfterSeconds?: number): Fault => ({
    kind: 'status',
    status: 503,
    contentType: 'application/json',
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'Service Unavailable' } })
  }),
  gatewayTimeout: (): Fault => ({ kind: 'status', status: 504, contentType: 'text/plain', body: 'Gateway Timeout' }),
  htmlError: (status = 500): Fault => ({
    kind: 'status',
    status,
    contentType: 'text/html',
    body: '<html><head><title>Server Error</title><style>p{}</style></head><body><h1>500 - Internal server error.</h1><p>There is a problem with the resource you are looking for.</p></body></html>'
  }),
  emptyBody: (status: number): Fault => ({ kind: 'status', status, body: '' }),
  /**
   * A Graph error JSON with this code and message, Graph's request-id header, and whatever else `error` should hold
   * (`extra` replaces the default innerError).
   */
  graphError: (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Fault => ({
    kind: 'status',
    status,
    contentType: 'application/json; charset=utf-8',
    headers: { 'request-id': '0d2f0a4c-1b7e-4c55-9d0e-5a1f3b2c4d6e' },
    body: JSON.stringify({ error: { code, message, innerError: { date: new Date().toISOString() }, ...extra } })
  }),
  /** A 2xx that did not come from Graph: a captive portal's or a proxy's page. */
  okWithPage: (status = 200): Fault => ({
    kind: 'status',
    status,
    contentType: 'text/html; charset=utf-8',
    body: '<html><head><title>Sign in</title></head><body><h1>Contoso guest Wi-Fi</h1><p>Sign in to continue.</p></body></html>'
  }),
  /** No fault: the request is answered as usual (to reach a later request with the next fault). */
  none: (): Fault => ({ kind: 'headers', headers: {} }),
  reset: (): Fault => ({ kind: 'reset' }),
  hang: (): Fault => ({ kind: 'hang' }),
  lostAnswer: (): Fault => ({ kind: 'lost-answer' }),
  /** The usual answer with 60 KiB of headers: more than Node's HTTP parser reads (16 KiB), so it fails HPE_HEADER_OVERFLOW. */
  oversizedHeaders: (): Fault => ({ kind: 'headers', headers: { 'x-padding': 'a'.repeat(60 * 1024) } }),
  deprecated: (): Fault => ({
    kind: 'headers',
    headers: {
      deprecation: 'Fri, 06 Feb 2026 00:00:00 GMT',
      sunset: 'Tue, 06 Jul 2027 00:00:00 GMT',
      link: '<https://learn.microsoft.com/graph/api/synchronization-synchronization-acquireaccesstoken>; rel="deprecation"'
    }
  })
}
