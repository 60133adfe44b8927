import { SAMPLE } from '../../sandbox/directory.js'
import { faults } from '../../sandbox/faults.js'
import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()

describe('Entra refusals, with the hint that fixes them', () => {
  it.each([
    [
      'the audience does not match',
      () => ({ audience: 'api://SomethingElse' }),
      'AADSTS70021',
      /Remove the audience input: the token then asks for this cloud’s default/
    ],
    [
      'the issuer does not match',
      () => {
        sandbox().github.settings.issuer = 'https://token.actions.githubusercontent.com/contoso'
        return {}
      },
      'AADSTS700211',
      /Issuer forms: github\.com: .*enterprise-slug.*_services\/token.*ghe\.com/
    ],
    [
      'the subject does not match (a branch, not the environment)',
      () => {
        sandbox().github.settings.subject = `repo:${SAMPLE.repository}:ref:refs/heads/main`
        sandbox().github.settings.environment = undefined
        return {}
      },
      'AADSTS700213',
      /add `environment: <name>` to the job/
    ],
    [
      'the subject differs only in case',
      () => {
        sandbox().github.settings.subject = `repo:Contoso/release-tools:environment:production`
        return {}
      },
      'AADSTS7002138',
      /case-sensitive/
    ]
  ])('federation fails when %s', async (_name, arrange, code, hint) => {
    const run = await runAction(sandbox(), arrange())
    expect(run.exitCode).toBe(1)
    expect(run.requests.graph).toBe(0)
    expect(run.outputs).toMatchObject({ 'error-code': code, status: '', 'request-id': '', attempts: '0' })
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      new RegExp(`^Entra: could not exchange the GitHub OIDC token for a Microsoft Graph token: ${code}: `)
    )
    expect(run.errors[0]).toMatch(hint)
    const settings = sandbox().github.settings
    expect(run.errors[0]).toContain(`token presented: issuer "${settings.issuer}", subject "${settings.subject}"`)
    expect(run.errors[0]).toMatch(/trace-id: [0-9a-f-]{36}\ncorrelation-id: [0-9a-f-]{36}/)
  })

  it.each([
    [
      'an unknown client id',
      { 'client-id': '00000000-0000-4000-8000-000000000000' },
      'AADSTS700016',
      /Set client-id to the application \(client\) ID .* of cloud global/
    ],
    [
      'an unknown tenant',
      { 'tenant-id': 'fabrikam.onmicrosoft.com' },
      'AADSTS90002',
      /Set tenant-id to your tenant’s ID .*cloud it lives in/
    ],
    [
      'a Graph root Entra does not know',
      { 'graph-endpoint': 'https://graph.example.invalid' },
      'AADSTS500011',
      /Remove graph-endpoint \(the cloud input picks it\)/
    ]
  ])('fails for %s', async (_name, inputs, code, hint) => {
    const run = await runAction(sandbox(), inputs)
    expect(run.outputs['error-code']).toBe(code)
    expect(run.errors[0]).toMatch(hint)
    expect(run.requests.graph).toBe(0)
  })

  it('fails for a GitHub token Entra finds expired, blaming the time between fetch and exchange, not the runner clock', async () => {
    sandbox().github.settings.nextTokenAgeSeconds = 3600
    const run = await runAction(sandbox())
    expect(run.outputs['error-code']).toBe('AADSTS700024')
    expect(run.errors[0]).toContain('hint: Re-run the job')
    expect(run.errors[0]).not.toContain('synchronise')
  })

  it('reports an Entra that does not answer as Timeout at the Entra stage', async () => {
    sandbox().entra.party.faults.push(faults.hang(), faults.hang(), faults.hang(), faults.hang(), faults.hang())
    const run = await runAction(sandbox(), { 'timeout-seconds': '1' })
    expect(run.outputs['error-code']).toBe('Timeout')
    expect(run.errors[0]).toMatch(/^Entra: /)
    expect(run.durationMs).toBeLessThan(15000)
  })
})

describe('GitHub OIDC', () => {
  it('says to add permissions: id-token: write when the runner gives no token service', async () => {
    const run = await runAction(
      sandbox(),
      {},
      { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined }
    )
    expect(run.exitCode).toBe(1)
    expect(run.requests).toEqual({ oidc: 0, entra: 0, graph: 0 })
    expect(run.outputs['error-code']).toBe('OidcTokenUnavailable')
    expect(run.errors[0]).toMatch(
      /^GitHub OIDC: the runner gave this job no OIDC token service \(ACTIONS_ID_TOKEN_REQUEST_URL is not set\)/
    )
    expect(run.errors[0]).toContain('Add `permissions: id-token: write`')
    expect(run.errors[0]).toContain('troubleshooting: docs/troubleshooting.md#oidc-no-permission')
  })

  it('reports a refused request token', async () => {
    const run = await runAction(sandbox(), {}, { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong-request-token' }, [
      'wrong-request-token'
    ])
    expect(run.outputs['error-code']).toBe('OidcTokenUnavailable')
    expect(run.errors[0]).toMatch(/token service answered HTTP 401/)
    expect(run.requests.entra).toBe(0)
  })

  it('retries a token service hiccup once', async () => {
    sandbox().github.party.faults.push(faults.unavailable())
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(0)
    expect(run.requests.oidc).toBe(2)
  })
})
