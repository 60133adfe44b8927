import { sampleJob, type SynchronizationJob } from '../../sandbox/directory.js'
import { faults } from '../../sandbox/faults.js'
import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()

const QUARANTINE_ERROR = {
  code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable',
  message: 'The credentials provided to the SCIM endpoint were rejected.',
  tenantActionable: true
}
const quarantined = (): SynchronizationJob =>
  sampleJob('Quarantine', '2026-11-22T08:00:00Z', { reason: 'EncounteredQuarantineException', error: QUARANTINE_ERROR })

describe('report-jobs: the provisioning jobs after a 204', () => {
  it('shows an active and a quarantined job in the summary and the output, the quarantine as a warning', async () => {
    const active = sampleJob('Active')
    sandbox().directory.objects[0].jobs = [active, quarantined()]
    const run = await runAction(sandbox(), { 'report-jobs': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.outputs.status).toBe('204')
    expect(sandbox().graph.party.requests.map((r) => `${r.method} ${r.url.split('/').slice(-2).join('/')}`)).toEqual([
      'POST synchronization/acquireAccessToken',
      'GET synchronization/jobs'
    ])
    const jobs = JSON.parse(run.outputs.jobs) as Array<Record<string, unknown>>
    expect(jobs.map((job) => [job.id, job.status])).toEqual([
      [quarantined().id, 'Quarantine'],
      [active.id, 'Active']
    ])
    expect(jobs[0]).toMatchObject({
      quarantine: { reason: 'EncounteredQuarantineException', error: QUARANTINE_ERROR },
      lastExecution: { state: 'Failed' }
    })
    expect(run.warnings).toEqual([
      expect.stringMatching(
        /^Provisioning job contosoapp\.quarantine\.\S+ is in quarantine: reason EncounteredQuarantineException, since 2026-11-22T08:00:00Z, error SystemForCrossDomainIdentityManagementCredentialValidationUnavailable: The credentials provided/
      )
    ])
    expect(run.summary).toContain('#### Provisioning jobs')
    expect(run.summary).toMatch(/\| contosoapp\.active\.\S+ \| contosoapp \| Active \| Succeeded at /)
    expect(run.summary).toMatch(
      /\| contosoapp\.quarantine\.\S+ \| contosoapp \| Quarantine \| Failed at .*reason EncounteredQuarantineException/
    )
  })

  it('without report-jobs, Graph sees exactly one request and the jobs output is empty', async () => {
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(0)
    expect(sandbox().graph.party.requests.map((r) => r.method)).toEqual(['POST'])
    expect(run.outputs.jobs).toBe('')
    expect(run.summary).not.toContain('Provisioning jobs')
  })

  it.each([
    [
      'a 503',
      faults.unavailable(),
      /^Provisioning jobs not listed \(HTTP 503 ServiceUnavailable: Service Unavailable\); the authorization itself succeeded\.$/
    ],
    [
      'an HTML page with 200',
      { kind: 'status' as const, status: 200, contentType: 'text/html', body: '<html>Sign in</html>' },
      /^Provisioning jobs not listed \(HTTP 200, but the body is not a JSON object\)/
    ],
    ['a reset connection', faults.reset(), /^Provisioning jobs not listed \(no response: /],
    [
      'a 200 larger than 1 MiB',
      {
        kind: 'status' as const,
        status: 200,
        contentType: 'application/json',
        body: `{"value":["${'x'.repeat(1_100_000)}"]}`
      },
      /^Provisioning jobs not listed \(HTTP 200, but the answer was larger than 1 MiB and was cut, so it was not read\)/
    ]
  ])('turns a failed listing (%s) into a warning; the step still succeeds', async (_name, fault, warning) => {
    sandbox().graph.party.faults.push(faults.none(), fault)
    const run = await runAction(sandbox(), { 'report-jobs': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.outputs).toMatchObject({ status: '204', 'error-code': '', jobs: '' })
    expect(run.warnings).toEqual([expect.stringMatching(warning)])
    expect(sandbox().graph.party.requests).toHaveLength(2)
  })

  it('puts quarantined jobs past the first 20 first, and says how many jobs it left out and how many are quarantined', async () => {
    const actives = Array.from({ length: 30 }, (_, i) => ({ ...sampleJob('Active'), id: `contosoapp.active.${i}` }))
    const stuck = Array.from({ length: 2 }, (_, i) => ({ ...quarantined(), id: `contosoapp.quarantine.${i}` }))
    sandbox().directory.objects[0].jobs = [...actives, ...stuck]
    const run = await runAction(sandbox(), { 'report-jobs': 'true' })
    expect(run.exitCode).toBe(0)
    // The output keeps as many of the 20 as fit in its 8,000 characters, from the start.
    const jobs = JSON.parse(run.outputs.jobs) as Array<{ id: string; status: string }>
    expect(jobs.length).toBeGreaterThan(3)
    expect(jobs.slice(0, 3).map((job) => job.id)).toEqual([
      'contosoapp.quarantine.0',
      'contosoapp.quarantine.1',
      'contosoapp.active.0'
    ])
    expect(run.warnings.filter((w) => w.includes('is in quarantine'))).toHaveLength(2)
    expect(run.warnings).toContain(
      `The jobs output holds the first ${jobs.length} of the 20 jobs shown (quarantined first): it is limited to 8000 characters; the job summary lists all 20.`
    )
    expect(run.warnings).toContain(
      'Provisioning jobs: 12 more jobs not shown (the action keeps 20, quarantined first), 0 of them quarantined.'
    )
    expect(run.summary).toContain(
      '12 more jobs not shown (the action keeps 20, quarantined first), 0 of them quarantined'
    )
  })

  it('counts quarantined jobs it cannot show', async () => {
    const stuck = Array.from({ length: 23 }, (_, i) => ({ ...quarantined(), id: `contosoapp.quarantine.${i}` }))
    sandbox().directory.objects[0].jobs = [sampleJob('Active'), ...stuck]
    const run = await runAction(sandbox(), { 'report-jobs': 'true' })
    expect(run.exitCode).toBe(0)
    const jobs = JSON.parse(run.outputs.jobs) as Array<{ status: string }>
    expect(jobs.every((job) => job.status === 'Quarantine')).toBe(true)
    expect(run.warnings).toContain(
      'Provisioning jobs: 4 more jobs not shown (the action keeps 20, quarantined first), 3 of them quarantined.'
    )
  })

  it('keeps hostile job text inert: no forged annotation, no live HTML in the summary', async () => {
    const hostile = quarantined()
    hostile.status.quarantine!.error = {
      code: 'X',
      message: 'bad\n::error title=Forged::Release blocked <img src=https://evil.example/p.png> | ### pwned',
      tenantActionable: false
    }
    sandbox().directory.objects[0].jobs = [hostile]
    const run = await runAction(sandbox(), { 'report-jobs': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.log.commands.filter((c) => c.properties.title === 'Forged')).toEqual([])
    expect(run.summary).not.toMatch(/<img/)
    expect(run.summary).toContain('&lt;img')
    expect(run.summary).not.toMatch(/^### pwned/m)
    expect(JSON.parse(run.outputs.jobs)[0].quarantine.error.message).toMatch(/^bad ::error title=Forged::Release/)
  })
})
