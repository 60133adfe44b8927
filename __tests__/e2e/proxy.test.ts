import { ConnectProxy } from '../../sandbox/connect-proxy.js'
import { SAMPLE } from '../../sandbox/directory.js'
import { SCENARIOS } from '../../sandbox/scenarios.js'
import { runAction, useSandbox } from './harness.js'

const NAMES = { oidc: 'pipelines.sandbox.test', entra: 'login.sandbox.test', graph: 'graph.sandbox.test' }
const sandbox = useSandbox(Object.values(NAMES))
let proxy: ConnectProxy

beforeAll(async () => {
  proxy = new ConnectProxy(new Map(Object.values(NAMES).map((name) => [name, { address: '127.0.0.1' }])))
  await proxy.start()
})
beforeEach(() => {
  proxy.tunnels.length = 0
})
afterAll(async () => {
  await proxy.stop()
})

/** The sandbox reached by names that only the proxy resolves: a request that bypassed it would fail DNS. */
function byName(env: Record<string, string | undefined>, inputs: Record<string, string> = {}) {
  return runAction(
    sandbox(),
    { ...sandbox().inputs({ entra: NAMES.entra, graph: NAMES.graph }), ...inputs },
    {
      ...sandbox().runnerEnv(NAMES.oidc),
      ...env
    }
  )
}

const hostsTunnelled = (): string[] => [...new Set(proxy.tunnels.map((t) => t.split(':')[0]))].sort()

describe('behind an HTTPS proxy', () => {
  it.each([['HTTPS_PROXY'], ['https_proxy']])('sends all three calls through %s', async (variable) => {
    const run = await byName({ [variable]: proxy.url })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(hostsTunnelled()).toEqual([NAMES.entra, NAMES.graph, NAMES.oidc].sort())
    const parties = sandbox().parties()
    expect(parties.map((p) => p.requests.length)).toEqual([1, 2, 1])
    for (const party of parties) {
      for (const request of party.requests) expect(Object.values(NAMES)).toContain(request.host)
    }
  })

  it('exempts a host listed in NO_PROXY (it is then reached directly, where its name does not resolve)', async () => {
    const run = await byName(
      { HTTPS_PROXY: proxy.url, NO_PROXY: `example.invalid, ${NAMES.graph}` },
      { 'max-attempts': '1' }
    )
    expect(hostsTunnelled()).toEqual([NAMES.entra, NAMES.oidc].sort())
    expect(run.outputs['error-code']).toBe('NetworkError')
    expect(run.errors[0]).toMatch(/request to graph\.sandbox\.test:\d+ failed: getaddrinfo (ENOTFOUND|EAI_AGAIN)/)
    expect(sandbox().graph.party.requests).toHaveLength(0)
  })

  it('honours a NO_PROXY domain suffix for every call', async () => {
    const run = await byName({ https_proxy: proxy.url, no_proxy: '.sandbox.test' })
    expect(proxy.tunnels).toEqual([])
    expect(run.outputs['error-code']).toBe('NetworkError')
    expect(run.errors[0]).toMatch(/^GitHub OIDC: /)
  })

  // @actions/github builds a proxy dispatcher for api.github.com when it is imported; the failure paths import it for
  // the job's context, so a proxy that covers api.github.com must not break them.
  it('tells a fork pull request apart on a failure path that loads @actions/github', async () => {
    const run = await byName({ HTTPS_PROXY: proxy.url, ...SCENARIOS['fork-pull-request'].arrange(sandbox()).env })
    expect(run.outputs['error-code']).toBe('OidcTokenUnavailable')
    expect(run.errors[0]).toContain('event: pull_request from a fork')
    expect(run.errors[0]).toContain('troubleshooting: docs/troubleshooting.md#oidc-fork-pull-request')
    expect(run.stderr).toBe('')
  })

  it('adds the job’s event and workflow ref to an Entra failure, through the proxy', async () => {
    sandbox().github.settings.subject = `repo:${SAMPLE.repository}:ref:refs/heads/main`
    sandbox().github.settings.environment = undefined
    const run = await byName({
      HTTPS_PROXY: proxy.url,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_WORKFLOW_REF: `${SAMPLE.repository}/.github/workflows/release.yml@refs/heads/main`
    })
    expect(run.outputs['error-code']).toBe('AADSTS700213')
    expect(run.errors[0]).toContain('\nevent: push\n')
    expect(run.errors[0]).toContain(
      `\nworkflow ref: ${SAMPLE.repository}/.github/workflows/release.yml@refs/heads/main\n`
    )
    expect(hostsTunnelled()).toEqual([NAMES.entra, NAMES.oidc].sort())
  })

  it('without a proxy, the names do not resolve at all (so the tests above prove the proxy was used)', async () => {
    const run = await byName({})
    expect(run.outputs['error-code']).toBe('NetworkError')
    expect(proxy.tunnels).toEqual([])
  })
})
