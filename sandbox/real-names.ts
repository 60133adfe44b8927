import { CLOUDS, type CloudName } from '../src/clouds.js'
import { ConnectProxy, type ConnectProxyOptions, type Upstream } from './connect-proxy.js'
import type { Sandbox } from './sandbox.js'

/**
 * Host of the runner's ID token service (ACTIONS_ID_TOKEN_REQUEST_URL) on GitHub-hosted runners; some runners get a
 * numbered sibling (pipelinesghubeus…), which makes no difference here.
 */
export const OIDC_HOST = 'pipelines.actions.githubusercontent.com'

const hostOf = (url: string): string => new URL(url).hostname

/** The clouds' real Entra and Graph host names and the token service's: what the sandbox's certificate covers. */
export const REAL_HOST_NAMES: readonly string[] = [
  ...new Set([
    OIDC_HOST,
    ...Object.values(CLOUDS).flatMap((cloud) => [hostOf(cloud.authorityHost), hostOf(cloud.graphEndpoint)])
  ])
]

/**
 * A CONNECT proxy that alone resolves the real names, each (asked for on 443) to the sandbox party that plays it:
 * a request that bypassed it would fail DNS, and one that reached the real service would fail TLS.
 */
export function realNameProxy(sandbox: Sandbox, options: ConnectProxyOptions = {}): ConnectProxy {
  const at = (port: number): Upstream => ({ address: '127.0.0.1', port })
  const names = new Map<string, Upstream>([[OIDC_HOST, at(sandbox.github.party.port)]])
  for (const cloud of Object.values(CLOUDS)) {
    names.set(hostOf(cloud.authorityHost), at(sandbox.entra.party.port))
    names.set(hostOf(cloud.graphEndpoint), at(sandbox.graph.party.port))
  }
  return new ConnectProxy(names, options)
}

/**
 * The step for one cloud by its real names: the `cloud` input and no endpoint overrides, the runner's token URL on
 * its real host, everything through the proxy. The federated credential is given the cloud's audience.
 */
export function realNameStep(
  sandbox: Sandbox,
  cloud: CloudName,
  proxy: ConnectProxy
): { inputs: Record<string, string>; env: Record<string, string> } {
  sandbox.directory.apps[0].federatedCredentials[0].audiences = [CLOUDS[cloud].audience]
  return {
    inputs: { ...sandbox.inputs(), cloud, 'authority-host': '', 'graph-endpoint': '' },
    env: {
      ...sandbox.runnerEnv(),
      ACTIONS_ID_TOKEN_REQUEST_URL: `https://${OIDC_HOST}${sandbox.github.requestPath}?api-version=2.0`,
      HTTPS_PROXY: proxy.url
    }
  }
}
