import { SAMPLE } from '../../sandbox/directory.js'
import type { Sandbox } from '../../sandbox/sandbox.js'
import { runAction, useSandbox, type ScenarioRun } from './harness.js'

const sandbox = useSandbox()

/** The check lines of the log, as `outcome: name`. */
function outcomes(run: ScenarioRun): string[] {
  return run.log.lines
    .map((line) => /^(?:✓|✗|–) (passed|failed|not verifiable): ([^:]+):/.exec(line))
    .filter((match) => match !== null)
    .map((match) => `${match[1]}: ${match[2]}`)
}

function expectNothingWritten(box: Sandbox): void {
  expect(box.graph.party.requests.filter((r) => r.method !== 'GET')).toEqual([])
  expect(box.directory.objects.flatMap((o) => o.received)).toEqual([])
}

const ALL_PASS = [
  'passed: GitHub OIDC token',
  'passed: Entra token (federated credential)',
  'passed: Token audience',
  'passed: Token tenant',
  'passed: Graph permission',
  'passed: Read provisioning jobs',
  'not verifiable: Credentials'
]

describe('dry-run: a rehearsal that writes nothing', () => {
  it('passes every check on a correct setup, with one GET and the jobs it read', async () => {
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.errors).toEqual([])
    expect(outcomes(run)).toEqual(ALL_PASS)
    expect(sandbox().graph.party.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /v1.0/servicePrincipals/${SAMPLE.servicePrincipalId}/synchronization/jobs`
    ])
    expectNothingWritten(sandbox())
    expect(sandbox().graph.party.requests[0].body).toBe('')
    expect(JSON.parse(run.outputs.jobs)).toEqual([expect.objectContaining({ status: 'Active' })])
    expect(run.outputs).toMatchObject({ status: '', attempts: '0', 'error-code': '' })
    expect(run.summary).toContain('✅ dry run: every check passed or is not verifiable; nothing was written')
    expect(run.summary).toMatch(/\| Read provisioning jobs \| ✅ passed \| Graph answered 200 with 1 job/)
    expect(run.summary).toMatch(/\| Credentials \| ➖ not verifiable \| only acquireAccessToken reads/)
  })

  it('passes for an application on beta, and for a verified domain as tenant-id (tenant not verifiable)', async () => {
    const run = await runAction(sandbox(), {
      'dry-run': 'true',
      'api-version': 'beta',
      'service-principal-id': '',
      'application-id': SAMPLE.applicationId,
      'tenant-id': SAMPLE.domain
    })
    expect(run.exitCode).toBe(0)
    expect(outcomes(run)).toContain('not verifiable: Token tenant')
    expect(sandbox().graph.party.requests[0].url).toBe(
      `/beta/applications/${SAMPLE.applicationId}/synchronization/jobs`
    )
  })

  it('shows that Synchronization.Read.All reads the jobs but would not be enough for the real call', async () => {
    sandbox().directory.apps[0].graphRoles = ['Synchronization.Read.All']
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(1)
    expect(outcomes(run)).toEqual(
      expect.arrayContaining(['failed: Graph permission', 'passed: Read provisioning jobs'])
    )
    expect(run.errors[0]).toMatch(
      /dry-run check "Graph permission" failed: the token carries Synchronization\.Read\.All/
    )
    expectNothingWritten(sandbox())
  })

  describe.each([
    [
      'no Graph permission in the token',
      (box: Sandbox) => {
        box.directory.apps[0].graphRoles = []
        return {}
      },
      'Graph permission',
      ['failed: Graph permission', 'failed: Read provisioning jobs']
    ],
    [
      'Application.ReadWrite.OwnedBy without ownership of the target',
      (box: Sandbox) => {
        box.directory.objects[0].owners = []
        return {}
      },
      'Read provisioning jobs',
      ['passed: Graph permission', 'failed: Read provisioning jobs']
    ],
    [
      'an application id given as service-principal-id',
      () => ({ 'service-principal-id': SAMPLE.applicationId }),
      'Read provisioning jobs',
      ['passed: Graph permission', 'failed: Read provisioning jobs']
    ],
    [
      'a token for another Graph host than graph-endpoint',
      (box: Sandbox) => {
        // Entra knows https://localhost:PORT as an alias of the sandbox's Graph, whose identifier is 127.0.0.1's.
        box.entra.aliases.set(box.graph.party.url('localhost'), box.graph.party.url())
        return { 'graph-endpoint': box.graph.party.url('localhost') }
      },
      'Token audience',
      ['failed: Token audience', 'failed: Read provisioning jobs']
    ],
    [
      'a federated credential that does not match the job (a branch, not the environment)',
      (box: Sandbox) => {
        box.github.settings.subject = `repo:${SAMPLE.repository}:ref:refs/heads/main`
        box.github.settings.environment = undefined
        return {}
      },
      'Entra token (federated credential)',
      ['failed: Entra token (federated credential)', 'not verifiable: Read provisioning jobs']
    ]
  ] as Array<[string, (box: Sandbox) => Record<string, string>, string, string[]]>)(
    '%s',
    (_name, arrange, failedCheck, expected) => {
      it(`fails naming the check "${failedCheck}", and nothing is written`, async () => {
        const inputs = arrange(sandbox())
        const run = await runAction(sandbox(), { 'dry-run': 'true', ...inputs })
        expect(run.exitCode).toBe(1)
        expect(run.errors).toHaveLength(1)
        expect(outcomes(run)).toEqual(expect.arrayContaining(expected))
        expect(outcomes(run)).toContain('not verifiable: Credentials')
        expect(run.errors[0]).toContain(`check "${failedCheck}" failed`)
        expect(run.summary).toContain(`| ${failedCheck.replace(/[()]/g, (c) => c)} | ❌ failed |`)
        expectNothingWritten(sandbox())
      })
    }
  )
})
