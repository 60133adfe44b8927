import { SAMPLE } from '../../sandbox/directory.js'
import { CLIENT_SECRET, CODE, MULTILINE, runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()

describe('the action through the runner, against the sandbox', () => {
  it.each([
    ['servicePrincipals', 'v1.0', { 'service-principal-id': SAMPLE.servicePrincipalId }],
    ['servicePrincipals', 'beta', { 'service-principal-id': SAMPLE.servicePrincipalId }],
    ['applications', 'v1.0', { 'service-principal-id': '', 'application-id': SAMPLE.applicationId }],
    ['applications', 'beta', { 'service-principal-id': '', 'application-id': SAMPLE.applicationId }]
  ] as Array<[string, string, Record<string, string>]>)(
    'authorizes provisioning for %s on %s',
    async (kind, version, target) => {
      const run = await runAction(sandbox(), { ...target, 'api-version': version })
      expect(run.exitCode).toBe(0)
      expect(run.errors).toEqual([])
      expect(run.requests).toEqual({ oidc: 1, entra: 2, graph: 1 })
      const [graphRequest] = sandbox().graph.party.requests
      expect(graphRequest.url).toBe(
        `/${version}/${kind}/${target['application-id'] || target['service-principal-id']}/synchronization/acquireAccessToken`
      )
      expect(graphRequest.headers['client-request-id']).toBe(run.outputs['client-request-id'])
      const object = sandbox().directory.objects.find((o) => o.kind === kind)
      expect(object?.received).toEqual([
        [
          { key: 'Oauth2AuthorizationCode', value: CODE },
          { key: 'Oauth2ClientSecret', value: CLIENT_SECRET },
          { key: 'Oauth2RedirectUri', value: 'https://portal.azure.com/TokenAuthorize' }
        ]
      ])
      expect(run.outputs).toEqual({
        status: '204',
        'request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
        'client-request-id': expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        ),
        endpoint: `${sandbox().graph.party.url()}${graphRequest.url}`,
        attempts: '1',
        'error-code': '',
        'error-message': '',
        jobs: ''
      })
      expect(run.summary).toContain('✅ 204')
      expect(run.summary).toContain('Oauth2AuthorizationCode, Oauth2ClientSecret, Oauth2RedirectUri')
    }
  )

  it('asks GitHub once, with the audience, and hands Entra that token', async () => {
    await runAction(sandbox())
    const [oidc] = sandbox().github.party.requests
    expect(new URL(oidc.url, 'https://x').searchParams.get('audience')).toBe('api://AzureADTokenExchange')
    const token = sandbox().entra.party.requests.find((r) => r.method === 'POST')
    const form = new URLSearchParams(token?.body)
    expect(form.get('client_assertion')).toBe(sandbox().github.issued.at(-1))
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
    expect(form.get('client_id')).toBe(SAMPLE.clientId)
    expect(form.get('scope')).toBe(`${sandbox().graph.party.url()}/.default`)
  })

  it('reuses one connection for Entra’s metadata and token requests, and exits without waiting for idle ones', async () => {
    const before = sandbox().entra.party.connections
    const run = await runAction(sandbox())
    expect(run.requests.entra).toBe(2)
    expect(sandbox().entra.party.connections - before).toBe(1)
    // The sandbox keeps idle connections 5 s: an exit well before that means idle sockets do not hold the process.
    expect(run.durationMs).toBeLessThan(4000)
  })

  it('gets the OIDC token from a token service on plain http, then Entra and Graph on https', async () => {
    const github = sandbox().github
    const plainOrigin = await github.party.startPlainHttp()
    const requestUrl = github.requestUrl().replace(github.party.url(), plainOrigin)
    const run = await runAction(sandbox(), {}, { ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl })
    expect(run.errors).toEqual([])
    expect(run.outputs.status).toBe('204')
  })

  it('sends "credentials": [] when none are given', async () => {
    const run = await runAction(sandbox(), { credentials: '' })
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(sandbox().graph.party.requests[0].body)).toEqual({ credentials: [] })
  })

  it('accepts the JSON form with a multi-line value and masks each line', async () => {
    const credentials = JSON.stringify([{ key: 'SecretToken', value: MULTILINE }])
    const run = await runAction(sandbox(), { credentials })
    expect(run.exitCode).toBe(0)
    expect(sandbox().directory.objects[0].received[0]).toEqual([{ key: 'SecretToken', value: MULTILINE }])
    expect(run.log.masks).toEqual(expect.arrayContaining(MULTILINE.split('\n')))
  })

  it('accepts a verified domain as tenant-id', async () => {
    const run = await runAction(sandbox(), { 'tenant-id': SAMPLE.domain })
    expect(run.exitCode).toBe(0)
  })

  it('works without RUNNER_DEBUG, keeping detail in ::debug:: lines the runner hides then', async () => {
    const run = await runAction(sandbox(), {}, { RUNNER_DEBUG: undefined })
    expect(run.exitCode).toBe(0)
    const debug = run.log.commands.filter((c) => c.name === 'debug').map((c) => c.message)
    expect(debug).toEqual(expect.arrayContaining([expect.stringMatching(/^Graph response: HTTP 204, date /)]))
    const plain = run.log.lines.filter((line) => !line.startsWith('::'))
    expect(plain.some((line) => line.includes('x-ms-ags-diagnostic'))).toBe(false)
  })

  it('grants with Synchronization.ReadWrite.All even when the app is not an owner', async () => {
    sandbox().directory.apps[0].graphRoles = ['Synchronization.ReadWrite.All']
    sandbox().directory.objects[0].owners = []
    expect((await runAction(sandbox())).exitCode).toBe(0)
  })
})
