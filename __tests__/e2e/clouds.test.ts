import { ConnectProxy } from '../../sandbox/connect-proxy.js'
import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()
/** Resolves no name: the rehearsal's GET to the cloud's real Graph host is refused at once, and recorded. */
const proxy = new ConnectProxy(new Map())
beforeAll(() => proxy.start())
beforeEach(() => {
  proxy.tunnels.length = 0
})
afterAll(() => proxy.stop())

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
    const run = await runAction(
      sandbox(),
      { cloud, 'graph-endpoint': '', 'dry-run': 'true', 'max-attempts': '1' },
      { HTTPS_PROXY: proxy.url }
    )
    // The token is for the cloud's Graph; only the read itself cannot reach that host from here.
    expect(run.log.lines).toContain(`✓ passed: Token audience: the token is for ${graph}, the Graph the action calls`)
    expect(proxy.tunnels).toEqual([`${new URL(graph).host}:443`])
    expect(run.outputs['error-code']).toBe('NetworkError')
    expect(run.errors[0]).toMatch(
      /^Graph: dry-run check "Read provisioning jobs" failed: list synchronization jobs got no response: /
    )
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
