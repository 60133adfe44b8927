import type { PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline'
import { createPipelineFromOptions, decompressResponsePolicyName, formDataPolicyName } from '@azure/core-rest-pipeline'
import { entraPipeline, pipelineTransport } from '../../src/entra.js'
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
