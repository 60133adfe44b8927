import { CLOUDS, type CloudName } from '../../src/clouds.js'
import type { ConnectProxy } from '../../sandbox/connect-proxy.js'
import { OIDC_HOST, REAL_HOST_NAMES, realNameProxy, realNameStep } from '../../sandbox/real-names.js'
import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox([...REAL_HOST_NAMES])
let proxy: ConnectProxy

beforeAll(async () => {
  proxy = realNameProxy(sandbox())
  await proxy.start()
})
beforeEach(() => {
  proxy.tunnels.length = 0
})
afterAll(async () => {
  await proxy.stop()
})

const host = (url: string): string => new URL(url).hostname

// MSAL carries authority metadata for login.microsoftonline.com and login.microsoftonline.us, so Entra sees the
// token request only; for login.chinacloudapi.cn it first GETs the tenant's OpenID configuration.
describe.each<[CloudName, number]>([
  ['global', 1],
  ['us-gov', 1],
  ['us-gov-dod', 1],
  ['china', 2]
])('%s by its real host names, through a proxy that alone resolves them', (cloud, entraRequests) => {
  it(`succeeds with no endpoint overrides, making 1 / ${entraRequests} / 1 requests over one tunnel per host`, async () => {
    const step = realNameStep(sandbox(), cloud, proxy)
    const run = await runAction(sandbox(), step.inputs, step.env)
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('204')
    expect(run.requests).toEqual({ oidc: 1, entra: entraRequests, graph: 1 })

    const { authorityHost, graphEndpoint } = CLOUDS[cloud]
    const [github, entra, graph] = sandbox().parties()
    expect(github.requests.map((r) => r.host)).toEqual([OIDC_HOST])
    expect(entra.requests.map((r) => r.host)).toEqual(Array(entraRequests).fill(host(authorityHost)))
    expect(entra.requests.map((r) => r.method)).toEqual(entraRequests === 2 ? ['GET', 'POST'] : ['POST'])
    // Graph accepted the token only because its audience is this host's root.
    expect(graph.requests.map((r) => r.host)).toEqual([host(graphEndpoint)])
    expect(run.outputs.endpoint.startsWith(`${graphEndpoint}/v1.0/`)).toBe(true)

    // The metadata and token requests share one tunnel: a freed tunnel is kept alive like a direct connection.
    expect([OIDC_HOST, host(authorityHost), host(graphEndpoint)].map((h) => proxy.tunnelsTo(h))).toEqual([1, 1, 1])
    expect(proxy.tunnels).toHaveLength(3)
  })
})
