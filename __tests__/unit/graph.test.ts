import {
  acquireAccessTokenUrl,
  buildGraphRequest,
  deprecationWarning,
  graphResponseError,
  graphTransportError,
  isSuccess
} from '../../src/graph.js'
import { catalogueEntry } from '../../src/catalogue.js'
import { parseGraphError } from '../../src/graph-error.js'
import { readGraphToken } from '../../src/graph-token.js'
import type { GraphFailureContext } from '../../src/graph.js'
import { parseInputs, type ActionConfig } from '../../src/inputs.js'
import { TransportError } from '../../src/transport-error.js'
import { MAX_LOG_FRAGMENT_CHARS } from '../../src/sanitise.js'
import { fakeJwt, response } from '../fakes/fakes.js'

const TENANT = '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70'
const CALLER = '9a8b7c6d-0000-4000-8000-00000000c0de'
const NOW = Date.parse('2026-11-22T10:00:00Z')

function config(overrides: Record<string, string> = {}): ActionConfig {
  const inputs: Record<string, string> = {
    'tenant-id': '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70',
    'client-id': '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    'service-principal-id': '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a',
    credentials: 'oauth2authorizationcode=code-1\nOauth2RedirectUri=https://app/cb',
    ...overrides
  }
  const parsed = parseInputs((name) => inputs[name] ?? '')
  if (!parsed.config) throw new Error(parsed.problems.join())
  return parsed.config
}

describe('Graph request', () => {
  it.each([
    [
      {},
      'https://graph.microsoft.com/v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/acquireAccessToken'
    ],
    [
      { 'api-version': 'beta' },
      'https://graph.microsoft.com/beta/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/acquireAccessToken'
    ],
    [
      { 'service-principal-id': '', 'application-id': '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' },
      'https://graph.microsoft.com/v1.0/applications/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d/synchronization/acquireAccessToken'
    ],
    [
      { cloud: 'us-gov-dod' },
      'https://dod-graph.microsoft.us/v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/acquireAccessToken'
    ],
    [
      { cloud: 'china' },
      'https://microsoftgraph.chinacloudapi.cn/v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/acquireAccessToken'
    ]
  ])('targets %j at %s', (inputs, url) => {
    expect(acquireAccessTokenUrl(config(inputs))).toBe(url)
  })

  it('posts the credentials with enum spellings, the bearer token and the client-request-id', () => {
    const request = buildGraphRequest(config(), 'access-token', 'crid-1', 'ua/1')
    expect(request).toMatchObject({
      method: 'POST',
      headers: {
        authorization: 'Bearer access-token',
        'content-type': 'application/json',
        'client-request-id': 'crid-1',
        'user-agent': 'ua/1'
      },
      timeoutMs: 30000
    })
    expect(JSON.parse(request.body!)).toEqual({
      credentials: [
        { key: 'Oauth2AuthorizationCode', value: 'code-1' },
        { key: 'Oauth2RedirectUri', value: 'https://app/cb' }
      ]
    })
  })

  it('sends an empty collection when no credentials are given', () => {
    expect(JSON.parse(buildGraphRequest(config({ credentials: '' }), 't', 'c', 'u').body!)).toEqual({ credentials: [] })
  })

  it.each([
    [204, '', true],
    [200, '', true],
    [299, ' \r\n', true],
    [200, '<html><body>Sign in to continue</body></html>', false],
    [200, '{}', false],
    [204, 'unexpected', false],
    [199, '', false],
    [301, '', false],
    [400, '', false]
  ])('HTTP %i with body %j is success: %s', (status, body, ok) =>
    expect(isSuccess({ status, headers: {}, body })).toBe(ok)
  )
})

describe('Graph errors', () => {
  it.each([
    [
      'innerError and request-id',
      {
        error: {
          code: 'Request_ResourceNotFound',
          message: 'gone',
          innerError: { date: '2026-11-22T10:00:00', 'request-id': 'r1', 'client-request-id': 'c1' }
        }
      },
      {
        code: 'Request_ResourceNotFound',
        message: 'gone',
        requestId: 'r1',
        clientRequestId: 'c1',
        date: '2026-11-22T10:00:00'
      }
    ],
    [
      'innererror and Date spellings',
      { Error: { Code: 'X', Message: 'm', innererror: { Date: 'd', 'Request-Id': 'r2' } } },
      { code: 'X', message: 'm', requestId: 'r2', date: 'd' }
    ],
    [
      'an empty message',
      { error: { code: 'UnknownError', message: '' } },
      { code: 'UnknownError', message: undefined }
    ],
    [
      'innerError.message when the top-level message is empty',
      { error: { code: 'BadRequest', message: ' ', innerError: { message: 'The credentials are incomplete.' } } },
      { code: 'BadRequest', message: 'The credentials are incomplete.' }
    ],
    [
      'details[0].message when neither has one',
      { error: { code: 'BadRequest', details: [{ code: 'x', message: 'Key Url is required.' }] } },
      { code: 'BadRequest', message: 'Key Url is required.' }
    ],
    [
      'a message with line breaks and commands, on one line',
      { error: { code: 'BadRequest', message: 'bad\r\n::error::forged' } },
      { message: 'bad\\n::error::forged' }
    ]
  ])('reads %s', (_name, body, expected) => {
    expect(parseGraphError(response(401, body))).toMatchObject(expected)
  })

  it('falls back to the response headers for ids and date', () => {
    const info = parseGraphError(
      response(500, '', { 'request-id': 'hr', 'client-request-id': 'hc', date: 'Sun, 22 Nov 2026 10:00:00 GMT' })
    )
    expect(info).toMatchObject({
      code: undefined,
      requestId: 'hr',
      clientRequestId: 'hc',
      date: 'Sun, 22 Nov 2026 10:00:00 GMT',
      bodyExcerpt: undefined
    })
  })

  it('quotes the visible text of an HTML body, not its markup', () => {
    const info = parseGraphError(
      response(502, '<html><head><style>b{}</style></head><body><h1>502 Bad Gateway</h1></body></html>')
    )
    expect(info.bodyExcerpt).toBe('502 Bad Gateway')
  })

  const call = (cfg: ActionConfig) => ({
    method: 'POST',
    url: acquireAccessTokenUrl(cfg),
    operation: 'acquireAccessToken'
  })
  const owner = readGraphToken(
    fakeJwt({ aud: 'https://graph.microsoft.com', tid: TENANT, oid: CALLER, roles: ['Application.ReadWrite.OwnedBy'] })
  )
  const failure = (cfg: ActionConfig, extra: Partial<GraphFailureContext> = {}): GraphFailureContext => ({
    config: cfg,
    clientRequestId: 'crid',
    token: owner,
    now: NOW,
    ...extra
  })

  it.each([
    [
      404,
      { error: { code: 'Request_ResourceNotFound', message: "Resource 'x' does not exist" } },
      'Request_ResourceNotFound',
      /not an application \(client\) ID: az ad sp show --id <appId> --query id -o tsv/
    ],
    [
      403,
      { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } },
      'Authorization_RequestDenied',
      /Graph refused: the target is not owned by it/
    ],
    [
      429,
      { error: { code: 'TooManyRequests', message: 'slow down' } },
      'TooManyRequests',
      /Graph throttled every attempt/
    ],
    [
      500,
      { error: { code: 'InternalServerError', message: 'oops' } },
      'InternalServerError',
      /Microsoft Graph reported a server error/
    ],
    [400, { error: { code: 'BadRequest', message: 'bad key' } }, 'BadRequest', /credentials keys/]
  ])('turns HTTP %i into its code and the catalogue’s hint', (status, body, code, hint) => {
    const error = graphResponseError(
      response(status, body, { 'request-id': 'req-9' }),
      call(config()),
      failure(config())
    )
    expect(error.stage).toBe('Graph')
    expect(error.code).toBe(code)
    expect(error.message).toMatch(new RegExp(`^acquireAccessToken returned (HTTP )?${status}[ :]`))
    expect(error.hints.join(' ')).toMatch(hint)
    expect(error.details).toContainEqual(['request-id', 'req-9'])
    expect(error.details).toContainEqual(['client-request-id', 'crid'])
  })

  it('names the operation and URL it is given, so any Graph call on the target can use it', () => {
    const jobs = {
      method: 'GET',
      url: 'https://graph.microsoft.com/v1.0/servicePrincipals/x/synchronization/jobs',
      operation: 'list synchronization jobs'
    }
    const error = graphResponseError(
      response(404, { error: { code: 'Request_ResourceNotFound', message: 'x' } }),
      jobs,
      failure(config())
    )
    expect(error.message).toBe('list synchronization jobs returned 404 Request_ResourceNotFound: x')
    expect(error.details).toContainEqual(['endpoint', jobs.url])
  })

  it('names application-id and az ad app show for an application target', () => {
    const target = config({ 'service-principal-id': '', 'application-id': '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' })
    const error = graphResponseError(
      response(404, { error: { code: 'Request_ResourceNotFound', message: 'x' } }),
      call(target),
      failure(target)
    )
    expect(error.hints[1]).toMatch(/^application-id takes the object ID of the target.*az ad app show/)
  })

  it('bounds a huge JSON message (0.9 MB) and says how much was left out', () => {
    const info = parseGraphError(response(400, { error: { code: 'BadRequest', message: 'm'.repeat(900_000) } }))
    expect(info.message?.length).toBeLessThanOrEqual(MAX_LOG_FRAGMENT_CHARS)
    expect(info.message).toMatch(/more characters not shown\]$/)
  })

  it('reads only the start of a hostile HTML body, so the excerpt stays fast', () => {
    const info = parseGraphError(response(502, `${'<head>'.repeat(200_000)}</head>`))
    expect(info.bodyExcerpt?.length).toBeLessThanOrEqual(200)
  })

  it('refuses a 2xx with a body, saying what was received', () => {
    const error = graphResponseError(
      response(200, '<html><title>Sign in</title><body>Sign in to Contoso Wi-Fi</body></html>', {
        'content-type': 'text/html; charset=utf-8'
      }),
      call(config()),
      failure(config())
    )
    expect(error).toMatchObject({ stage: 'Graph', code: 'UnexpectedResponse' })
    expect(error.message).toBe(
      'acquireAccessToken answered HTTP 200 with a body (text/html; charset=utf-8, 72 bytes: "Sign in Sign in to Contoso Wi-Fi"); ' +
        'Graph documents 204 No Content with no body, so provisioning is not known to be authorized (no Graph request-id: something else answered)'
    )
    expect(error.hints[0]).toMatch(/graph-endpoint \(https:\/\/graph\.microsoft\.com\).*proxy/)
  })

  it('does not blame a proxy for a 2xx with a body that carries a Graph request-id', () => {
    const requestId = '00000000-0000-4000-8000-0000000000c2'
    const error = graphResponseError(
      response(200, '{"value":"unexpected"}', { 'content-type': 'application/json', 'request-id': requestId }),
      call(config()),
      failure(config())
    )
    expect(error.message).toMatch(/provisioning is not known to be authorized$/)
    expect(error.details).toContainEqual(['request-id', requestId])
    expect(error.hints.join()).not.toMatch(/proxy/)
  })

  it('says so when the body is empty', () => {
    expect(graphResponseError(response(502), call(config()), failure(config())).message).toBe(
      'acquireAccessToken returned HTTP 502 with an empty body'
    )
  })

  it('says a gateway answered when the body is not Graph’s and there is no request-id', () => {
    const error = graphResponseError(
      response(502, '<html><h1>Bad Gateway</h1></html>'),
      call(config()),
      failure(config())
    )
    expect(error.message).toBe(
      'acquireAccessToken returned HTTP 502 with a body that is not Graph\'s error JSON: "Bad Gateway"'
    )
    expect(error.hints[0]).toMatch(/answered instead of Graph/)
    expect(error.hints.join(' ')).not.toMatch(/quote request-id/)
    expect(error.details).toContainEqual(['troubleshooting', 'docs/troubleshooting.md#graph-gateway'])
  })

  it.each([
    ['timeout', 'Timeout', /raise timeout-seconds/],
    ['network', 'NetworkError', /HTTPS_PROXY/]
  ] as const)('reports a %s as %s', (kind, code, hint) => {
    const error = graphTransportError(new TransportError(kind, 'boom'), call(config()), failure(config()))
    expect(error).toMatchObject({ stage: 'Graph', code })
    expect(error.hints.join()).toMatch(hint)
  })

  it.each([
    [
      'a timeout after the request was sent',
      new TransportError('timeout', 'no response within 1 s'),
      'graph-timeout' as const
    ],
    [
      'a reset after the request was sent',
      new TransportError('network', 'socket hang up'),
      'graph-connection-lost' as const
    ]
  ])('with a code, reports %s as OutcomeUnknown: the evidence first, then how to check', (_name, error, id) => {
    const failed = graphTransportError(error, call(config()), failure(config(), { outcomeUnknown: true }))
    expect(failed.code).toBe('OutcomeUnknown')
    expect(failed.message).toMatch(/the authorization may have succeeded$/)
    expect(failed.details).toContainEqual([
      'troubleshooting',
      `docs/troubleshooting.md#${id}, docs/troubleshooting.md#graph-outcome-unknown`
    ])
    expect(failed.hints[0]).toBe(catalogueEntry(id).cause)
    expect(failed.hints[1]).toBe(catalogueEntry('graph-outcome-unknown').cause)
    expect(failed.hints[2]).toMatch(
      /^Check before obtaining a new code: .*validateCredentials' --resource 'https:\/\/graph\.microsoft\.com' --body '\{"useSavedCredentials":true\}'$/
    )
    expect(failed.hints.join()).not.toMatch(/raise timeout-seconds or max-attempts/)
  })

  it('with a code, reports a gateway’s 500 as OutcomeUnknown, led by the gateway evidence', () => {
    const failed = graphResponseError(
      response(500, '<html><h1>500 - Internal server error.</h1></html>'),
      call(config()),
      failure(config(), { outcomeUnknown: true })
    )
    expect(failed.code).toBe('OutcomeUnknown')
    expect(failed.hints[0]).toBe(catalogueEntry('graph-gateway').cause)
    expect(failed.hints[1]).toBe(catalogueEntry('graph-outcome-unknown').cause)
  })

  it('without a code, a lost answer keeps its own code and fixes', () => {
    const noCode = config({ credentials: 'SecretToken=abc' })
    const failed = graphTransportError(
      new TransportError('timeout', 'x'),
      call(noCode),
      failure(noCode, { outcomeUnknown: true })
    )
    expect(failed.code).toBe('Timeout')
    expect(failed.hints.join()).not.toMatch(/authorization code|may have succeeded/)
  })

  it('names a failure before the request was sent as unreachable, not as unknown', () => {
    const failed = graphTransportError(
      new TransportError('network', 'connect ECONNREFUSED', true),
      call(config()),
      failure(config())
    )
    expect(failed.code).toBe('NetworkError')
    expect(failed.hints[0]).toBe(catalogueEntry('graph-network').cause)
  })

  it('warns about Deprecation and Sunset headers and says what to do', () => {
    const warning = deprecationWarning(
      response(204, '', { deprecation: '@1770336000', sunset: 'Tue, 06 Jul 2027 00:00:00 GMT' }),
      { apiVersion: 'beta' }
    )
    expect(warning).toMatch(
      /deprecated for api-version beta.*Deprecation: @1770336000.*Sunset: Tue, 06 Jul 2027.*set `api-version: v1.0`/
    )
    expect(warning).not.toMatch(/successor|Link header/)
    expect(deprecationWarning(response(204), { apiVersion: 'beta' })).toBeUndefined()
  })

  it('on v1.0, points at the Link header Graph sent instead of telling to switch to v1.0', () => {
    const warning = deprecationWarning(response(204, '', { deprecation: '@1770336000', link: '<https://x>' }), {
      apiVersion: 'v1.0'
    })
    expect(warning).toMatch(/api-version v1\.0.*Link: <https:\/\/x>.*follow the Link header/)
    expect(warning).not.toMatch(/set `api-version: v1\.0`/)
  })
})
