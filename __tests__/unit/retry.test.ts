import { backoffMs, isRetryableStatus, parseRetryAfter, retryWait, RETRY_AFTER_MAX_MS } from '../../src/retry.js'

describe('retry policy', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => expect(isRetryableStatus(status)).toBe(true))
  it.each([200, 204, 400, 401, 403, 404, 409, 415, 501, 505])('fails at once on HTTP %i', (status) =>
    expect(isRetryableStatus(status)).toBe(false)
  )

  const now = Date.parse('2026-11-22T10:00:00Z')
  it.each([
    ['delta seconds', '7', 7000],
    ['zero', '0', 0],
    ['an HTTP date', 'Sun, 22 Nov 2026 10:00:12 GMT', 12000],
    ['a date in the past', 'Sun, 22 Nov 2026 09:00:00 GMT', 0],
    ['padding', ' 3 ', 3000],
    ['absent', undefined, undefined],
    ['negative', '-5', undefined],
    ['fractional', '1.5', undefined],
    ['garbage', 'soon', undefined]
  ])('reads Retry-After given as %s', (_name, header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected)
  })

  it.each([
    [1, 0, 500],
    [1, 0.999999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [6, 1, 30000],
    [9, 1, 30000]
  ])('backs off after attempt %i (random %f) for %i ms', (attempt, random, expected) => {
    expect(backoffMs(attempt, random)).toBe(expected)
  })

  it('waits what Retry-After says, capped at the documented maximum', () => {
    expect(retryWait(2000, 1, 0.5)).toEqual({ ms: 2000, source: 'Retry-After' })
    expect(retryWait(3_600_000, 1, 0.5)).toEqual({ ms: RETRY_AFTER_MAX_MS, source: 'Retry-After (capped)' })
    expect(retryWait(undefined, 2, 0)).toEqual({ ms: 1000, source: 'backoff' })
  })
})
