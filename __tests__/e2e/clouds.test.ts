import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()

describe('cloud mapping (Entra in the sandbox, the cloud’s real Graph host, dry-run)', () => {
  it.each([
    ['global', 'api://AzureADTokenExchange', 'https://graph.microsoft.com'],
    ['us-gov', 'api://AzureADTokenExchangeUSGov', 'https://graph.microsoft.us'],
    ['us-gov-dod', 'api://AzureADTokenExchangeUSGov', 'https://dod-graph.microsoft.us'],
    ['china', 'api://AzureADTokenExchangeChina', 'https://microsoftgraph.chinacloudapi.cn'],
    ['AzureUSGovernment', 'api://AzureADTokenExchangeUSGov', 'https://graph.microsoft.us'],
    ['AzureChinaCloud', 'api://AzureADTokenExchangeChina', 'https://microsoftgraph.chinacloudapi.cn']
  ])('%s: audience %s, scope and endpoint on %s', async (cloud, audience, graph) => {
    sandbox().directory.apps[0].federatedCredentials[0].audiences = [audience]
    const run = await runAction(sandbox(), { cloud, 'graph-endpoint': '', 'dry-run': 'true' })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const oidc = new URL(sandbox().github.party.requests[0].url, 'https://x')
    expect(oidc.searchParams.get('audience')).toBe(audience)
    const token = sandbox().entra.party.requests.find((r) => r.method === 'POST')
    expect(new URLSearchParams(token?.body).get('scope')).toBe(`${graph}/.default`)
    expect(run.outputs.endpoint).toBe(
      `${graph}/v1.0/servicePrincipals/${sandbox().inputs()['service-principal-id']}/synchronization/acquireAccessToken`
    )
    expect(run.requests.graph).toBe(0)
  })

  it('lets audience override the cloud’s', async () => {
    sandbox().directory.apps[0].federatedCredentials[0].audiences = ['api://CustomExchange']
    const run = await runAction(sandbox(), { audience: 'api://CustomExchange' })
    expect(run.exitCode).toBe(0)
  })
})
