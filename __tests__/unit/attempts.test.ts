import { sendWithRetries } from '../../src/attempts.js'
import { TransportError } from '../../src/transport-error.js'
import { fakeClock, response, scriptedHttp } from '../fakes/fakes.js'

const request = { method: 'POST' as const, url: 'https://graph.test/x', headers: {}, body: '{}', timeoutMs: 1000 }

describe('sendWithRetries', () => {
  it('returns the first success without retrying', async () => {
    const send = scriptedHttp(response(204))
    const result = await sendWithRetries(send, request, 5, fakeClock(), () => undefined, 'Graph')
    expect(result).toMatchObject({ attempts: 1, response: { status: 204 } })
  })

  it('retries a 429 after its Retry-After seconds and logs the reason and wait', async () => {
    const clock = fakeClock()
    const log: string[] = []
    const send = scriptedHttp(response(429, '', { 'retry-after': '3' }), response(204))
    const result = await sendWithRetries(send, request, 5, clock, (m) => log.push(m), 'Graph')
    expect(result.attempts).toBe(2)
    expect(clock.slept).toEqual([3000])
    expect(log).toEqual(['Graph attempt 1 of 5 failed (HTTP 429); retrying in 3.0 s (Retry-After)'])
  })

  it('backs off exponentially when no Retry-After is given', async () => {
    const clock = fakeClock(0)
    const send = scriptedHttp(response(503), response(502), response(504), response(204))
    await sendWithRetries(send, request, 5, clock, () => undefined, 'Graph')
    expect(clock.slept).toEqual([500, 1000, 2000])
  })

  it('retries network errors and timeouts', async () => {
    const clock = fakeClock(1)
    const send = scriptedHttp(
      new TransportError('network', 'reset'),
      new TransportError('timeout', 'slow'),
      response(204)
    )
    const result = await sendWithRetries(send, request, 3, clock, () => undefined, 'Graph')
    expect(result).toMatchObject({ attempts: 3, response: { status: 204 } })
    expect(clock.slept).toEqual([1000, 2000])
  })

  it.each([400, 401, 403, 404, 409])('fails at once on HTTP %i', async (status) => {
    const send = scriptedHttp(response(status))
    const result = await sendWithRetries(send, request, 5, fakeClock(), () => undefined, 'Graph')
    expect(result.attempts).toBe(1)
    expect(send.requests).toHaveLength(1)
  })

  it('stops at max-attempts and returns the last outcome, with no wait after it', async () => {
    const clock = fakeClock(0)
    const send = scriptedHttp(response(503), response(503), new TransportError('timeout', 'slow'))
    const result = await sendWithRetries(send, request, 3, clock, () => undefined, 'Graph')
    expect(result).toMatchObject({ attempts: 3, response: undefined })
    expect(result.transportError?.kind).toBe('timeout')
    expect(clock.slept).toHaveLength(2)
  })

  it('with max-attempts 1 never retries', async () => {
    const send = scriptedHttp(response(429, '', { 'retry-after': '1' }))
    const result = await sendWithRetries(send, request, 1, fakeClock(), () => undefined, 'Graph')
    expect(result).toMatchObject({ attempts: 1, response: { status: 429 } })
  })

  describe('with a single-use code in the request', () => {
    it.each([
      ['a timeout after the request was sent', new TransportError('timeout', 'slow')],
      ['a reset after the request was sent', new TransportError('network', 'socket hang up')],
      ['a 500', response(500)],
      ['a 502', response(502)],
      ['a 504', response(504)],
      ['a 503 without Retry-After', response(503)]
    ])('does not repeat %s, and says why', async (_name, outcome) => {
      const log: string[] = []
      const send = scriptedHttp(outcome, response(204))
      const result = await sendWithRetries(send, request, 5, fakeClock(), (m) => log.push(m), 'Graph', true)
      expect(result).toMatchObject({ attempts: 1, outcomeUnknown: true })
      expect(send.requests).toHaveLength(1)
      expect(log).toEqual([
        expect.stringMatching(
          /^Graph attempt 1 of 5 failed \(.+\); not retried: the request was sent and may have been processed, and it carries a single-use authorization code$/
        )
      ])
    })

    it.each([
      ['a 429', response(429, '', { 'retry-after': '1' })],
      ['a 503 with Retry-After', response(503, '', { 'retry-after': '2' })],
      ['a 408', response(408)],
      ['a connection refused before anything was sent', new TransportError('network', 'ECONNREFUSED', true)]
    ])('repeats %s: nothing was processed', async (_name, outcome) => {
      const send = scriptedHttp(outcome, response(204))
      const result = await sendWithRetries(send, request, 5, fakeClock(), () => undefined, 'Graph', true)
      expect(result).toMatchObject({ attempts: 2, outcomeUnknown: false, response: { status: 204 } })
    })
  })

  it('lets programming errors through instead of retrying them', async () => {
    const send = scriptedHttp(new TypeError('bug'))
    await expect(sendWithRetries(send, request, 5, fakeClock(), () => undefined, 'Graph')).rejects.toThrow('bug')
  })
})
