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

  it('lets programming errors through instead of retrying them', async () => {
    const send = scriptedHttp(new TypeError('bug'))
    await expect(sendWithRetries(send, request, 5, fakeClock(), () => undefined, 'Graph')).rejects.toThrow('bug')
  })
})
