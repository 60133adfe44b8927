import { credentialName } from '../../src/catalogue.js'
import { entraError, readEntraError } from '../../src/entra-error.js'
import { explainMetadataFailure, isMetadataFailure } from '../../src/entra-metadata.js'
import { parseInputs, type ActionConfig } from '../../src/inputs.js'
import { TransportError } from '../../src/transport-error.js'
import { fakeClock, response, scriptedHttp } from '../fakes/fakes.js'

const config = parseInputs(
  (name) =>
    ({
      'tenant-id': '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70',
      'client-id': '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
      'service-principal-id': '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a'
    })[name] ?? ''
).config as ActionConfig

const presented = {
  issuer: 'https://token.actions.githubusercontent.com',
  subject: 'repo:contoso/release-tools:ref:refs/heads/main',
  audience: 'api://AzureADTokenExchange',
  environment: '',
  repository: 'contoso/release-tools',
  jobWorkflowRef: 'contoso/release-tools/.github/workflows/release.yml@refs/heads/main'
}

/** The shape @azure/identity throws for an MSAL ServerError: the MSAL error is the cause. */
function msalFailure(code: number, oauth: string, text: string): Error {
  const cause = Object.assign(
    new Error(
      `${oauth}: Error(s): ${code} - Timestamp: 2026-11-22 10:00:00Z - Description: AADSTS${code}: ${text} Trace ID: 0f1e2d3c-0000-4000-8000-000000000001 Correlation ID: 0f1e2d3c-0000-4000-8000-000000000002 Timestamp: 2026-11-22 10:00:00Z`
    ),
    {
      name: 'ServerError',
      errorCode: oauth,
      errorNo: String(code),
      correlationId: '0f1e2d3c-0000-4000-8000-000000000002'
    }
  )
  return Object.assign(new Error(cause.message), { name: 'AuthenticationRequiredError', cause })
}

describe('reading Entra errors', () => {
  it('finds the AADSTS code, the description and the support ids', () => {
    const info = readEntraError(
      msalFailure(
        700213,
        'invalid_request',
        "No matching federated identity record found for presented assertion subject 'x'."
      )
    )
    expect(info).toMatchObject({
      aadsts: 'AADSTS700213',
      oauthError: 'invalid_request',
      description: "AADSTS700213: No matching federated identity record found for presented assertion subject 'x'.",
      traceId: '0f1e2d3c-0000-4000-8000-000000000001',
      correlationId: '0f1e2d3c-0000-4000-8000-000000000002',
      timestamp: '2026-11-22 10:00:00Z',
      timedOut: false,
      network: false
    })
  })

  it('reads an AuthenticationError errorResponse', () => {
    const thrown = Object.assign(new Error('x'), {
      statusCode: 400,
      errorResponse: {
        error: 'invalid_client',
        errorDescription: 'AADSTS700024: Client assertion is not within its valid time range.'
      }
    })
    expect(readEntraError(thrown)).toMatchObject({ aadsts: 'AADSTS700024', oauthError: 'invalid_client', status: 400 })
  })

  it.each([
    [new TransportError('timeout', 'no response within 1 s'), true, false],
    [new TransportError('network', 'ECONNREFUSED'), false, true],
    [Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }), true, false],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), false, true]
  ])('classifies %s', (thrown, timedOut, network) => {
    expect(readEntraError(thrown)).toMatchObject({ aadsts: undefined, timedOut, network })
  })
})

describe('Entra failures as the action reports them', () => {
  it.each([
    [70021, /added in the last several minutes, it may not be in effect yet/],
    [700211, /enterprise-slug.*_services\/token.*ghe\.com/],
    [700213, /add `environment: <name>` to the job/],
    [7002138, /case-sensitive/]
  ])('AADSTS%i shows the presented claims and a credential for exactly them', (code, specific) => {
    const error = entraError(
      msalFailure(code, 'invalid_request', 'No matching federated identity record found.'),
      config,
      presented
    )
    expect(error).toMatchObject({ stage: 'Entra', code: `AADSTS${code}` })
    const hints = error.hints.join('\n')
    expect(hints).toMatch(specific)
    expect(error.details).toContainEqual([
      'token presented',
      'issuer "https://token.actions.githubusercontent.com", subject "repo:contoso/release-tools:ref:refs/heads/main", audience "api://AzureADTokenExchange", environment none'
    ])
    // Only the issuer and subject entries offer a credential for exactly this token; the others compare.
    if (code === 7002138 || code === 70021) return
    expect(hints).toContain(
      `az ad app federated-credential create --id ${config.clientId} --parameters '{"name":"github-repo-contoso-release-tools-ref-refs-heads-main","issuer":"https://token.actions.githubusercontent.com","subject":"repo:contoso/release-tools:ref:refs/heads/main","audiences":["api://AzureADTokenExchange"]}'`
    )
  })

  it.each([
    [700016, /Set client-id to the application \(client\) ID .* in tenant .* of cloud global/],
    [90002, /tenant-id .*cloud it lives in \(now global/],
    [90023, /not valid/],
    [650057, /API permissions do not list Microsoft Graph/],
    [700024, /too much time passed between fetching it and the exchange/],
    [500133, /too much time passed between fetching it and the exchange/],
    [53003, /Conditional Access/],
    [500011, /graph-endpoint/],
    [700027, /failed signature validation|validate the token’s signature/]
  ])('AADSTS%i comes with its hint', (code, hint) => {
    const error = entraError(msalFailure(code, 'invalid_client', 'Something.'), config, presented)
    expect(error.code).toBe(`AADSTS${code}`)
    expect(error.hints.join()).toMatch(hint)
  })

  it('says when the job is in a reusable workflow, from job_workflow_ref and the workflow ref', () => {
    const called = { ...presented, jobWorkflowRef: 'contoso/shared/.github/workflows/deploy.yml@refs/heads/main' }
    const job = {
      eventName: 'push',
      forkPullRequest: false,
      workflowRef: 'contoso/release-tools/.github/workflows/release.yml@refs/heads/main'
    }
    const error = entraError(msalFailure(700213, 'invalid_request', 'No match.'), config, called, job)
    expect(error.details).toContainEqual([
      'reusable workflow',
      'yes: the job is defined in contoso/shared/.github/workflows/deploy.yml@refs/heads/main, called from contoso/release-tools/.github/workflows/release.yml@refs/heads/main'
    ])
    expect(error.details).toContainEqual(['event', 'push'])
    const direct = entraError(msalFailure(700213, 'invalid_request', 'No match.'), config, presented, {
      ...job,
      workflowRef: presented.jobWorkflowRef
    })
    expect(direct.details).toContainEqual(['reusable workflow', ''])
  })

  it('uses the action codes when Entra gave none', () => {
    expect(entraError(new TransportError('timeout', 'slow'), config, presented).code).toBe('Timeout')
    expect(entraError(new TransportError('network', 'refused'), config, presented).code).toBe('NetworkError')
    expect(entraError(new Error('strange'), config, presented).code).toBe('UnexpectedResponse')
  })

  it('makes federated credential names Entra accepts', () => {
    expect(credentialName('repo:o/r:environment:prod')).toBe('github-repo-o-r-environment-prod')
    expect(credentialName(`repo:${'x'.repeat(200)}`)).toHaveLength(120)
  })
})

describe('explaining a metadata failure', () => {
  it('recognises MSAL’s endpoints_resolution_error', () => {
    expect(isMetadataFailure(new Error('endpoints_resolution_error: See https://aka.ms/msal.js.errors'))).toBe(true)
    expect(isMetadataFailure(new Error('AADSTS90002: endpoints_resolution_error'))).toBe(false)
  })

  it('fetches the metadata once to recover Entra’s own error', async () => {
    const send = scriptedHttp(
      response(400, { error: 'invalid_tenant', error_description: "AADSTS90002: Tenant 'x' not found." })
    )
    const explained = await explainMetadataFailure(send, config)
    expect(send.requests[0].url).toBe(
      `https://login.microsoftonline.com/${config.tenantId}/v2.0/.well-known/openid-configuration`
    )
    expect(entraError(explained, config, presented)).toMatchObject({ code: 'AADSTS90002' })
  })

  it('describes a metadata answer that is not Entra’s JSON by its status', async () => {
    const explained = await explainMetadataFailure(scriptedHttp(response(502, '<html>Bad Gateway</html>')), config)
    const error = entraError(explained, config, presented)
    expect(error.code).toBe('UnexpectedResponse')
    expect(error.message).toContain('/v2.0/.well-known/openid-configuration answered HTTP 502')
    expect(error.details).toContainEqual(['http-status', '502'])
  })

  it.each([['null'], ['[1,2]'], ['"text"']])('describes a metadata body of %s by its status', async (body) => {
    const explained = await explainMetadataFailure(scriptedHttp(response(500, body)), config)
    expect(entraError(explained, config, presented).message).toContain('answered HTTP 500')
  })

  it('reports a transport failure of that request as such', async () => {
    const explained = await explainMetadataFailure(scriptedHttp(new TransportError('timeout', 'slow')), config)
    expect(entraError(explained, config, presented).code).toBe('Timeout')
  })

  it('returns nothing new when the metadata is fine', async () => {
    expect(await explainMetadataFailure(scriptedHttp(response(200, {})), config)).toBeUndefined()
    expect(fakeClock().slept).toEqual([])
  })
})
