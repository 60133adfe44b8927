import type { PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline'
import { createPipelineFromOptions, decompressResponsePolicyName, formDataPolicyName } from '@azure/core-rest-pipeline'
import { entraPipeline, pipelineTransport } from '../../src/entra.js'
import { TransportError } from '../../src/transport-error.js'
import { response, scriptedHttp } from '../fakes/fakes.js'

/** Headers as the Azure pipeline hands them over: only what the transport reads and writes. */
function headers(raw: Record<string, string>): PipelineResponse['headers'] {
  const map = new Map(Object.entries(raw))
  return {
    get: (name: string) => map.get(name.toLowerCase()),
    has: (name: string) => map.has(name.toLowerCase()),
    set: (name: string, value: string | number) => void map.set(name.toLowerCase(), String(value)),
    delete: (name: string) => void map.delete(name.toLowerCase()),
    toJSON: () => Object.fromEntries(map),
    [Symbol.iterator]: () => map.entries()
  } as PipelineResponse['headers']
}

function pipelineRequest(overrides: Partial<PipelineRequest> = {}): PipelineRequest {
  return {
    url: 'https://login.example.test/tenant/oauth2/v2.0/token',
    method: 'POST',
    headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
    body: 'grant_type=client_credentials',
    timeout: 0,
    withCredentials: false,
    requestId: 'r',
    ...overrides
  } as PipelineRequest
}

describe('the Entra pipeline transport', () => {
  it('sends the pipeline request through the action’s sender with the per-attempt deadline', async () => {
    const send = scriptedHttp(response(200, '{"access_token":"t"}', { 'x-ms-request-id': 'e1' }))
    const transport = pipelineTransport(send, 7000, headers)
    const request = pipelineRequest()
    const answer = await transport.sendRequest(request)
    expect(send.requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://login.example.test/tenant/oauth2/v2.0/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      timeoutMs: 7000
    })
    expect(answer.request).toBe(request)
    expect(answer.status).toBe(200)
    expect(answer.bodyAsText).toBe('{"access_token":"t"}')
    expect(answer.headers.get('x-ms-request-id')).toBe('e1')
  })

  it('sends GETs without a body', async () => {
    const send = scriptedHttp(response(200, '{}'))
    await pipelineTransport(send, 1000, headers).sendRequest(pipelineRequest({ method: 'GET', body: undefined }))
    expect(send.requests[0].body).toBeUndefined()
  })

  it('refuses bodies that are not text (MSAL only sends forms)', async () => {
    const transport = pipelineTransport(scriptedHttp(), 1000, headers)
    await expect(transport.sendRequest(pipelineRequest({ body: new Uint8Array([1]) as never }))).rejects.toThrow(
      'the Entra transport sends text bodies only'
    )
  })

  describe('bounds the SDK’s throttling waits', () => {
    /** A stage that started at `now` with a deadline `deadlineMs` later, recording what it logs. */
    function stage(deadlineMs: number) {
      const logged: string[] = []
      const now = 1_000_000
      return {
        logged,
        limits: { deadline: now + deadlineMs, deadlineMs, now: () => now, log: (m: string) => logged.push(m) }
      }
    }

    it.each([
      ['Retry-After seconds', { 'retry-after': '3600' }],
      ['Retry-After as an HTTP date', { 'retry-after': new Date(1_000_000 + 3_600_000).toUTCString() }],
      ['retry-after-ms', { 'retry-after-ms': '3600000' }],
      ['x-ms-retry-after-ms', { 'x-ms-retry-after-ms': '3600000', 'retry-after': '3600' }]
    ])('rewrites a 429 asking for an hour (%s) to the action’s 60 s cap, and says so', async (_name, asked) => {
      const { logged, limits } = stage(180_000)
      const send = scriptedHttp(response(429, '{"error":"temporarily_unavailable"}', asked))
      const answer = await pipelineTransport(send, 30_000, headers, limits).sendRequest(pipelineRequest())
      expect(answer.headers.toJSON()).toMatchObject({ 'retry-after-ms': '60000' })
      expect(answer.headers.get('retry-after')).toBeUndefined()
      expect(answer.headers.get('x-ms-retry-after-ms')).toBeUndefined()
      expect(logged).toEqual(['Entra answered HTTP 429 asking to wait 3600.0 s; the action waits at most 60 s'])
    })

    it('leaves a short wait as asked', async () => {
      const { logged, limits } = stage(180_000)
      const send = scriptedHttp(response(503, '', { 'retry-after': '2' }))
      const answer = await pipelineTransport(send, 30_000, headers, limits).sendRequest(pipelineRequest())
      expect(answer.headers.get('retry-after-ms')).toBe('2000')
      expect(logged).toEqual([])
    })

    it('does not wait past the stage deadline: a Timeout naming the Entra stage instead', async () => {
      const { logged, limits } = stage(6_000)
      const send = scriptedHttp(response(429, '', { 'retry-after': '3600' }))
      const transport = pipelineTransport(send, 1_000, headers, limits)
      const refusal = transport.sendRequest(pipelineRequest())
      await expect(refusal).rejects.toMatchObject({
        kind: 'timeout',
        message:
          "Entra answered HTTP 429 asking to wait 3600.0 s, past the Entra stage's deadline of 6 s (timeout-seconds × 6 requests); not waiting"
      })
      expect(transport.lastFailure()).toBeInstanceOf(TransportError)
      // It does not first announce a 60 s wait it will not make.
      expect(logged).toEqual([])
    })

    it('sends nothing once the deadline has passed, and gives each request only what is left', async () => {
      let now = 0
      const limits = { deadline: 1_500, deadlineMs: 1_500, now: () => now, log: () => undefined }
      const send = scriptedHttp(response(500, ''))
      const transport = pipelineTransport(send, 1_000, headers, limits)
      now = 1_000
      await transport.sendRequest(pipelineRequest())
      expect(send.requests[0].timeoutMs).toBe(500)
      now = 1_500
      await expect(transport.sendRequest(pipelineRequest())).rejects.toMatchObject({ kind: 'timeout' })
      expect(send.requests).toHaveLength(1)
    })

    it('remembers a request that got no answer until a later one gets one', async () => {
      const send = scriptedHttp(
        new TransportError('timeout', 'no response from login.example.test within 1 s'),
        response(400, '{}')
      )
      const transport = pipelineTransport(send, 1_000, headers)
      await expect(transport.sendRequest(pipelineRequest())).rejects.toThrow('within 1 s')
      expect(transport.lastFailure()?.kind).toBe('timeout')
      await transport.sendRequest(pipelineRequest())
      expect(transport.lastFailure()).toBeUndefined()
    })
  })
})

describe('the Entra pipeline', () => {
  it('keeps the SDK’s policies and retries, without form-data handling or decompression', () => {
    const names = entraPipeline({ createPipelineFromOptions, decompressResponsePolicyName, formDataPolicyName })
      .getOrderedPolicies()
      .map((policy) => policy.name)
    expect(names).toEqual(expect.arrayContaining(['defaultRetryPolicy', 'userAgentPolicy', 'redirectPolicy']))
    expect(names).not.toContain('formDataPolicy')
    expect(names).not.toContain('decompressResponsePolicy')
  })
})
