import { parseInputs, type ActionConfig } from '../../src/inputs.js'
import { renderSummary, type RunReport } from '../../src/summary.js'
import { ActionError } from '../../src/errors.js'
import { parseJobs } from '../../src/jobs.js'
import { sampleJob } from '../../sandbox/directory.js'

const config = parseInputs(
  (name) =>
    ({
      'tenant-id': '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70',
      'client-id': '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
      'application-id': '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
      cloud: 'us-gov',
      'api-version': 'beta',
      credentials: 'Oauth2ClientSecret=very-secret-value\nOauth2AuthorizationCode=code|with|pipes'
    })[name] ?? ''
).config as ActionConfig

const base: RunReport = {
  config,
  endpoint:
    'https://graph.microsoft.us/beta/applications/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d/synchronization/acquireAccessToken',
  status: '204',
  requestId: 'req-1',
  clientRequestId: 'crid-1',
  attempts: 2,
  errorCode: '',
  errorMessage: '',
  durationMs: 1234,
  jobs: undefined,
  checks: []
}

describe('job summary', () => {
  it('shows target, cloud, API version, result, ids, key names, attempts and duration', () => {
    const summary = renderSummary(base)
    for (const expected of [
      '| Result | ✅ 204 — Entra provisioning authorized |',
      '| Target | applications/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d |',
      '| Cloud | US Government L4 (us-gov) |',
      '| API version | beta |',
      '| Credential keys | Oauth2ClientSecret, Oauth2AuthorizationCode |',
      '| request-id | req-1 |',
      '| client-request-id | crid-1 |',
      '| Graph attempts | 2 |',
      '| Duration | 1.2 s |'
    ]) {
      expect(summary).toContain(expected)
    }
  })

  it('never contains a credential value', () => {
    const summary = renderSummary(base)
    expect(summary).not.toContain('very-secret-value')
    expect(summary).not.toContain('code|with|pipes')
  })

  it('shows the failure, escaping table syntax', () => {
    const summary = renderSummary({
      ...base,
      status: '404',
      errorCode: 'Request_ResourceNotFound',
      errorMessage: 'Graph: 404\nhint: a | b'
    })
    expect(summary).toContain('| Result | ❌ Request\\_ResourceNotFound (HTTP 404) |')
    expect(summary).toContain('| Error | Graph: 404<br>hint: a \\| b |')
  })

  it('shows server text as text: a lone CR cannot end the cell, links and images stay inert', () => {
    const summary = renderSummary({
      ...base,
      status: '400',
      errorCode: '<img src=https://evil.example/p.png>',
      errorMessage:
        'Graph: bad\r### ✅ 204 — Entra provisioning authorized <a href="https://evil.example">retry</a> ![x](https://evil.example/x.png)'
    })
    const errorRow = summary.split('\n').find((line) => line.startsWith('| Error |'))
    expect(errorRow).toBe(
      '| Error | Graph: bad<br>### ✅ 204 — Entra provisioning authorized &lt;a href=&quot;https://evil.example&quot;&gt;retry&lt;/a&gt; !\\[x\\](https://evil.example/x.png) |'
    )
    expect(summary).not.toMatch(/<(a|img)\b/)
    expect(summary.split('\n').filter((line) => line.startsWith('#'))).toHaveLength(1)
  })

  it('reports a dry run as such', () => {
    expect(renderSummary({ ...base, config: { ...config, dryRun: true }, status: '', attempts: 0 })).toContain(
      'dry run'
    )
  })

  it('still renders when the inputs were invalid', () => {
    const summary = renderSummary({
      ...base,
      config: undefined,
      errorCode: 'InvalidInput',
      errorMessage: 'inputs: bad',
      status: ''
    })
    expect(summary).toContain('❌ InvalidInput')
    expect(summary).not.toContain('Target')
  })

  it('adds the rehearsal’s checks, server text escaped, a failure’s hints only in the Error row', () => {
    const error = new ActionError({ stage: 'Graph', code: 'X', message: 'm', hints: ['the cause', 'the fix'] })
    const summary = renderSummary({
      ...base,
      config: { ...config, dryRun: true },
      checks: [
        { name: 'Token audience', outcome: 'failed', detail: 'token for "<b>x</b>" | y', error },
        { name: 'Credentials', outcome: 'not verifiable', detail: 'never sent' }
      ]
    })
    expect(summary).toContain('#### Rehearsal (dry-run): nothing was written')
    expect(summary).toContain('| Token audience | ❌ failed | token for &quot;&lt;b&gt;x&lt;/b&gt;&quot; \\| y |')
    expect(summary).not.toContain('hint: the cause')
    expect(summary).toContain('| Credentials | ➖ not verifiable | never sent |')
  })

  it('says in a failed rehearsal that the HTTP status is the jobs read’s, not the failure’s', () => {
    const summary = renderSummary({
      ...base,
      config: { ...config, dryRun: true },
      errorCode: 'NotTargetOwner',
      errorMessage: 'Graph: dry-run check failed',
      status: '200'
    })
    expect(summary).toContain('| Result | ❌ NotTargetOwner (jobs read: HTTP 200) |')
  })

  it('adds the provisioning jobs, or says there are none', () => {
    const listing = parseJobs(JSON.stringify({ value: [sampleJob('Active')], '@odata.nextLink': 'https://next' }))
    if ('problem' in listing) throw new Error(listing.problem)
    const summary = renderSummary({ ...base, jobs: listing })
    expect(summary).toContain('#### Provisioning jobs')
    expect(summary).toMatch(/^\| contosoapp\.active\.\S+ \| contosoapp \| Active \| Succeeded at \S+ \| — \|$/m)
    expect(summary).toContain('Graph has more pages, not read')
    expect(
      renderSummary({ ...base, jobs: { jobs: [], omitted: 0, omittedQuarantined: 0, morePages: false } })
    ).toContain('The target has no provisioning jobs.')
    expect(renderSummary(base)).not.toContain('Provisioning jobs')
  })
})
