import { SAMPLE } from '../../sandbox/directory.js'
import { printedAfter, SCENARIOS, type ScenarioSetup } from '../../sandbox/scenarios.js'
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

/** The action sent Graph nothing but GETs during `run` (a fix applied between runs may POST, as an admin would). */
function expectNothingWritten(box: Sandbox, run: ScenarioRun): void {
  const during = box.graph.party.requests.filter((r) => r.at >= run.startedAt)
  expect(during.filter((r) => r.method !== 'GET')).toEqual([])
  expect(box.directory.objects.flatMap((o) => o.received)).toEqual([])
}

const ALL_PASS = [
  'passed: GitHub OIDC token',
  'passed: Entra token (federated credential)',
  'passed: Token audience',
  'passed: Token tenant',
  'passed: Graph permission',
  'passed: Ownership of the target',
  'passed: Read provisioning jobs',
  'not verifiable: Credentials'
]

/** The log as a person reads it: plain lines, and the error annotation's message line by line. */
function shownLines(run: ScenarioRun): string[] {
  return [...run.log.lines.filter((line) => !line.startsWith('::')), ...run.errors.flatMap((e) => e.split('\n'))]
}

describe('dry-run: a rehearsal that writes nothing', () => {
  it('passes every check on a correct setup, with two GETs (jobs, owners) and the jobs it read', async () => {
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.errors).toEqual([])
    expect(outcomes(run)).toEqual(ALL_PASS)
    const requests = sandbox().graph.party.requests
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /v1.0/servicePrincipals/${SAMPLE.servicePrincipalId}/synchronization/jobs`,
      `GET /v1.0/servicePrincipals/${SAMPLE.servicePrincipalId}/owners?$select=id`
    ])
    expectNothingWritten(sandbox(), run)
    expect(requests[0].body).toBe('')
    expect(JSON.parse(run.outputs.jobs)).toEqual([expect.objectContaining({ status: 'Active' })])
    // The jobs GET's status and request-id, for a support ticket.
    expect(run.outputs).toMatchObject({ status: '200', attempts: '1', 'error-code': '' })
    expect(run.outputs['request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(run.summary).toContain(`| request-id | ${run.outputs['request-id']} |`)
    expect(run.summary).toMatch(
      new RegExp(
        `\\| Ownership of the target \\| ✅ passed \\| the app’s service principal \\(${SAMPLE.automationObjectId}\\) is an owner`
      )
    )
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

  it('fails "Read provisioning jobs" on an answer cut at 1 MiB, saying so rather than blaming a gateway', async () => {
    const huge = `{"value":["${'x'.repeat(1_100_000)}"]}`
    sandbox().graph.party.faults.push({ kind: 'status', status: 200, contentType: 'application/json', body: huge })
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(1)
    expect(outcomes(run)).toContain('failed: Read provisioning jobs')
    expect(run.errors[0]).toContain(
      'list synchronization jobs answered HTTP 200, but the answer was larger than 1 MiB and was cut, so it was not read'
    )
    expect(run.errors[0]).not.toMatch(/not a JSON object|gateway|proxy/)
    expectNothingWritten(sandbox(), run)
  })

  it('shows that Synchronization.Read.All reads the jobs but would not be enough for the real call', async () => {
    sandbox().directory.apps[0].graphRoles = ['Synchronization.Read.All']
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(1)
    expect(outcomes(run)).toEqual(
      expect.arrayContaining([
        'failed: Graph permission',
        'not verifiable: Ownership of the target',
        'passed: Read provisioning jobs'
      ])
    )
    expect(run.errors[0]).toMatch(
      /^hint: Grant app \S+ the Microsoft Graph application permission Application\.ReadWrite\.OwnedBy/m
    )
    expect(run.errors[0]).toMatch(
      /dry-run check "Graph permission" failed: the token carries Synchronization\.Read\.All/
    )
    expectNothingWritten(sandbox(), run)
  })

  it('fails "Ownership of the target" under OwnedBy + Synchronization.Read.All without ownership, although the jobs read passes; the printed owners/$ref fix makes the rehearsal pass and the real call reach 204', async () => {
    sandbox().directory.apps[0].graphRoles = ['Application.ReadWrite.OwnedBy', 'Synchronization.Read.All']
    const setup = SCENARIOS['not-owner'].arrange(sandbox())
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(1)
    expect(outcomes(run)).toEqual(
      expect.arrayContaining([
        'passed: Graph permission',
        'failed: Ownership of the target',
        'passed: Read provisioning jobs'
      ])
    )
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toContain('dry-run check "Ownership of the target" failed')
    expect(run.errors[0]).toContain('error-code: NotTargetOwner')
    expect(run.errors[0]).toMatch(
      /^hint: Make the app’s service principal an owner of the target[;,: ].*owners\/\$ref/m
    )
    expect(run.summary).toContain('| Result | ❌ NotTargetOwner (jobs read: HTTP 200) |')
    expectNothingWritten(sandbox(), run)

    const fixed = await SCENARIOS['not-owner'].fix!(sandbox(), run.errors.join('\n'), setup)
    const again = await runAction(sandbox(), { 'dry-run': 'true', ...fixed.inputs })
    expect(again.errors).toEqual([])
    expect(outcomes(again)).toEqual(ALL_PASS)
    expectNothingWritten(sandbox(), again)
    const real = await runAction(sandbox(), fixed.inputs)
    expect(real.exitCode).toBe(0)
    expect(real.outputs.status).toBe('204')
    expect(sandbox().directory.objects[0].received).toHaveLength(1)
  })

  it('passes with Synchronization.ReadWrite.All and no ownership: ownership not needed, named the broader permission, no owners read', async () => {
    sandbox().directory.apps[0].graphRoles = ['Synchronization.ReadWrite.All']
    sandbox().directory.objects[0].owners = []
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(outcomes(run)).toEqual(ALL_PASS)
    expect(run.summary).toMatch(
      /\| Ownership of the target \| ✅ passed \| not needed: the token carries Synchronization\.ReadWrite\.All, the broader permission, which reaches every application’s synchronization in the tenant/
    )
    expect(sandbox().graph.party.requests.map((r) => r.url)).toEqual([
      `/v1.0/servicePrincipals/${SAMPLE.servicePrincipalId}/synchronization/jobs`
    ])
    expectNothingWritten(sandbox(), run)
  })

  it('does not claim ownership when a Graph that limits OwnedBy refuses the owners list: not verifiable, and the jobs read names the cause', async () => {
    sandbox().graph.ownedByReadsEveryObject = false
    sandbox().directory.objects[0].owners = []
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(1)
    expect(outcomes(run)).toEqual(
      expect.arrayContaining(['not verifiable: Ownership of the target', 'failed: Read provisioning jobs'])
    )
    expect(run.log.lines.find((l) => l.startsWith('– not verifiable: Ownership of the target'))).toMatch(
      /Graph refused to list the target’s owners \(HTTP 403 Authorization_RequestDenied/
    )
    expect(run.errors[0]).toMatch(/^hint: Make the app’s service principal an owner of the target/m)
    expectNothingWritten(sandbox(), run)
  })

  it('shows each hint of a failed rehearsal once in the log and once in the summary', async () => {
    sandbox().directory.apps[0].graphRoles = []
    const run = await runAction(sandbox(), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(1)
    const hints = run.errors[0].split('\n').filter((line) => line.startsWith('hint: '))
    expect(hints.length).toBeGreaterThanOrEqual(3)
    const shown = shownLines(run)
    for (const hint of hints) expect(shown.filter((line) => line.includes(hint))).toHaveLength(1)
    expect(run.summary.split('hint: ')).toHaveLength(hints.length + 1)
    expect(run.log.lines.filter((line) => /^\s*hint:/.test(line))).toEqual([])
  })

  /**
   * Each misconfiguration: how to make it, the check that must fail, the outcomes, the catalogue fix it must print,
   * and that fix applied as printed (to the sandbox's world or to the inputs) — after which the rehearsal passes.
   * Where the demo has the scenario, its own arrange and fix are used, so both tests apply the same printed fix.
   */
  interface Misconfiguration {
    arrange(box: Sandbox): ScenarioSetup
    failedCheck: string
    outcomes: string[]
    fix: RegExp
    applyFix(box: Sandbox, printed: string, setup: ScenarioSetup): ScenarioSetup | Promise<ScenarioSetup>
  }

  const fromScenario = (name: string, rest: Pick<Misconfiguration, 'failedCheck' | 'outcomes' | 'fix'>) => ({
    arrange: SCENARIOS[name].arrange,
    applyFix: SCENARIOS[name].fix!,
    ...rest
  })

  const misconfigurations: Record<string, Misconfiguration> = {
    'no Graph permission in the token': fromScenario('missing-permission', {
      failedCheck: 'Graph permission',
      outcomes: [
        'failed: Graph permission',
        'not verifiable: Ownership of the target',
        'failed: Read provisioning jobs'
      ],
      fix: /^hint: Grant app \S+ the Microsoft Graph application permission Application\.ReadWrite\.OwnedBy, and only that: .*az rest --method POST --url '[^']+\/appRoleAssignedTo'/m
    }),
    'Application.ReadWrite.OwnedBy without ownership of the target': fromScenario('not-owner', {
      failedCheck: 'Ownership of the target',
      outcomes: ['passed: Graph permission', 'failed: Ownership of the target', 'failed: Read provisioning jobs'],
      fix: /^hint: Make the app’s service principal an owner of the target[;,: ].*owners\/\$ref/m
    }),
    'the application (client) id given as service-principal-id': fromScenario('wrong-object-id', {
      failedCheck: 'Read provisioning jobs',
      outcomes: ['passed: Graph permission', 'failed: Read provisioning jobs'],
      fix: /^hint: service-principal-id takes the object ID of the target .*not an application \(client\) ID: az ad sp show/m
    }),
    'an application registration’s object id given as service-principal-id': {
      arrange: () => ({ inputs: { 'service-principal-id': SAMPLE.applicationId } }),
      failedCheck: 'Read provisioning jobs',
      outcomes: ['passed: Graph permission', 'failed: Read provisioning jobs'],
      fix: /^hint: service-principal-id takes the object ID of the target \(a service principal’s, the Enterprise application’s, in service-principal-id; an application registration’s in application-id\)/m,
      applyFix: (_box, printed, setup) => {
        printedAfter(printed, 'an application registration’s in application-id')
        return { inputs: { ...setup.inputs, 'service-principal-id': '', 'application-id': SAMPLE.applicationId } }
      }
    },
    'a token for another Graph host than graph-endpoint': {
      arrange: (box) => {
        // Entra knows https://localhost:PORT as another name of the sandbox's Graph, whose identifier is 127.0.0.1's.
        box.entra.aliases.set(box.graph.party.url('localhost'), box.graph.party.url())
        return { inputs: { 'graph-endpoint': box.graph.party.url('localhost') } }
      },
      failedCheck: 'Token audience',
      outcomes: ['failed: Token audience', 'failed: Read provisioning jobs'],
      fix: /^hint: Set graph-endpoint to the Graph the token is for \(named above\)/m,
      applyFix: (_box, printed, setup) => {
        // The Graph the token is for, as the failed check names it.
        const audience = /the Graph token is for "([^"]+)"/.exec(printed)![1]
        return { inputs: { ...setup.inputs, 'graph-endpoint': audience } }
      }
    },
    'a federated credential that does not match the job (a branch, not its environment)': fromScenario(
      'subject-mismatch',
      {
        failedCheck: 'Entra token (federated credential)',
        outcomes: ['failed: Entra token (federated credential)', 'not verifiable: Read provisioning jobs'],
        fix: /^hint: If the app’s federated credential names an environment .*add `environment: <name>` to the job/m
      }
    )
  }

  describe.each(Object.entries(misconfigurations))('%s', (_name, case_) => {
    it(`fails naming the check "${case_.failedCheck}" with the catalogue’s fix; nothing is written, and the fix applied passes`, async () => {
      const setup = case_.arrange(sandbox())
      const run = await runAction(sandbox(), { 'dry-run': 'true', ...setup.inputs }, setup.env ?? {})
      expect(run.exitCode).toBe(1)
      expect(run.errors).toHaveLength(1)
      expect(outcomes(run)).toEqual(expect.arrayContaining([...case_.outcomes, 'not verifiable: Credentials']))
      expect(run.errors[0]).toContain(`dry-run check "${case_.failedCheck}" failed`)
      expect(run.errors[0]).toMatch(case_.fix)
      expect(run.summary).toContain(`| ${case_.failedCheck} | ❌ failed |`)
      expectNothingWritten(sandbox(), run)

      const fixed = await case_.applyFix(sandbox(), [...run.errors, ...run.warnings].join('\n'), setup)
      const again = await runAction(sandbox(), { 'dry-run': 'true', ...fixed.inputs }, fixed.env ?? {})
      expect(again.errors).toEqual([])
      expect(outcomes(again)).toEqual(ALL_PASS)
      expectNothingWritten(sandbox(), again)
    })
  })
})
