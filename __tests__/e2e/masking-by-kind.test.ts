import { SAMPLE, sampleJob } from '../../sandbox/directory.js'
import { CREDENTIALS, runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()

/** A quarantined job whose error is tenant-actionable: `true` in Graph's JSON, where a masked `true` broke parsing. */
const quarantined = () =>
  sampleJob('Quarantine', '2026-11-22T08:00:00Z', {
    reason: 'EncounteredQuarantineException',
    error: {
      code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable',
      message: 'The credentials provided to the SCIM endpoint were rejected.',
      tenantActionable: true
    }
  })

describe('credential values are masked by kind: configuration values do not garble the log, outputs or hints', () => {
  it('lists the jobs with SkipOutOfScopeDeletions=true, the jobs output valid JSON', async () => {
    sandbox().directory.objects[0].jobs = [quarantined()]
    const run = await runAction(sandbox(), {
      'report-jobs': 'true',
      credentials: `${CREDENTIALS}\nSkipOutOfScopeDeletions=true`
    })
    expect(run.exitCode).toBe(0)
    expect(run.log.masks).not.toContain('true')
    expect(run.warnings).toEqual([
      expect.stringMatching(/^Provisioning job contosoapp\.quarantine\.\S+ is in quarantine/)
    ])
    const jobs = JSON.parse(run.outputs.jobs) as Array<{ quarantine: { error: { tenantActionable: boolean } } }>
    expect(jobs[0].quarantine.error.tenantActionable).toBe(true)
  })

  it('rehearses with SkipOutOfScopeDeletions=true: the jobs are read, every check passes', async () => {
    sandbox().directory.objects[0].jobs = [quarantined()]
    const run = await runAction(sandbox(), {
      'dry-run': 'true',
      credentials: `${CREDENTIALS}\nSkipOutOfScopeDeletions=true`
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['error-code']).toBe('')
    expect(run.log.lines.join('\n')).not.toMatch(/not a JSON object|✗/)
    expect(JSON.parse(run.outputs.jobs)).toHaveLength(1)
  })

  it('keeps the outputs and the log intact with SyncAll=1 and Sandbox=e', async () => {
    const run = await runAction(sandbox(), { credentials: `${CREDENTIALS}\nSyncAll=1\nSandbox=e` })
    expect(run.exitCode).toBe(0)
    expect(run.log.masks).not.toContain('1')
    expect(run.log.masks).not.toContain('e')
    expect(run.outputs.attempts).toBe('1')
    expect(run.outputs['request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(run.log.lines).toContain(
      `Target: servicePrincipals/${SAMPLE.servicePrincipalId} in tenant ${SAMPLE.tenantId} (Global (Azure public), Graph v1.0)`
    )
  })

  it('keeps the subject and the ready-to-paste fix intact with InstanceName=contoso', async () => {
    sandbox().github.settings.subject = `repo:${SAMPLE.repository}:ref:refs/heads/main`
    sandbox().github.settings.environment = undefined
    const run = await runAction(sandbox(), { credentials: `${CREDENTIALS}\nInstanceName=contoso` })
    expect(run.outputs['error-code']).toBe('AADSTS700213')
    expect(run.log.masks).not.toContain('contoso')
    expect(run.errors[0]).toContain(`subject "repo:${SAMPLE.repository}:ref:refs/heads/main"`)
    expect(run.errors[0]).toContain(`repo:${SAMPLE.repository}:environment:<name>`)
    expect(run.errors[0]).toContain(
      `az ad app federated-credential create --id ${SAMPLE.clientId} --parameters '{"name":"github-repo-contoso-release-tools-ref-refs-heads-main","issuer":"https://token.actions.githubusercontent.com","subject":"repo:${SAMPLE.repository}:ref:refs/heads/main"`
    )
    expect(run.errors[0]).not.toContain('***')
  })

  it('masks a short secret all the same, and says once why text shows ***, naming the key only', async () => {
    const run = await runAction(sandbox(), { credentials: `${CREDENTIALS}\nPassword=Qz` }, {}, ['Qz'])
    expect(run.exitCode).toBe(0)
    expect(run.log.masks).toContain('Qz')
    expect(run.warnings).toEqual([
      expect.stringMatching(/^credentials Password: the value is short or a common word .* shows as \*\*\*$/)
    ])
  })

  it('does not register a short line of a multi-line secret on its own: no "***en" in the log, no forged error', async () => {
    const credentials = JSON.stringify([{ key: 'SecretToken', value: 'tok\n::error::injected' }])
    const run = await runAction(sandbox(), { credentials }, {}, ['::error::injected'])
    expect(run.exitCode).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.log.masks).toContain('::error::injected')
    expect(run.log.masks).not.toContain('tok')
    expect(run.log.lines).toContain('Requesting the GitHub OIDC token for audience api://AzureADTokenExchange')
  })

  it('masks only the password and token of an address, never the address or its user name', async () => {
    const run = await runAction(
      sandbox(),
      { credentials: `${CREDENTIALS}\nBaseAddress=https://scim-admin:scim-pa55-e2e@api.contoso.test/scim?token=t0k` },
      {},
      ['scim-pa55-e2e']
    )
    expect(run.exitCode).toBe(0)
    expect(run.log.masks).toEqual(expect.arrayContaining(['scim-pa55-e2e', 't0k']))
    expect(run.log.masks.join('\n')).not.toMatch(/scim-admin|api\.contoso\.test/)
  })

  it.each([
    ['authority-host', 'https://u:p@login.microsoftonline.com'],
    ['graph-endpoint', 'https://user:pa55w0rd@graph.microsoft.com']
  ])('refuses %s with a user name and password in a message that stays readable', async (input, url) => {
    const run = await runAction(sandbox(), { [input]: url }, {}, ['pa55w0rd'])
    expect(run.requests).toEqual({ oidc: 0, entra: 0, graph: 0 })
    for (const part of ['u', 'p', 'user']) expect(run.log.masks).not.toContain(part)
    expect(run.errors[0]).toMatch(
      new RegExp(
        `^inputs: invalid input; nothing was sent anywhere\\.\\n- ${input} must not contain credentials; got a URL with a user name or password \\(not shown\\)`
      )
    )
  })
})
