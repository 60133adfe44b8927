import { parseInputs } from '../../src/inputs.js'

const TENANT = '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70'
const CLIENT = '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b'
const OBJECT = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a'

const valid = { 'tenant-id': TENANT, 'client-id': CLIENT, 'service-principal-id': OBJECT }

function parse(inputs: Record<string, string>) {
  return parseInputs((name) => inputs[name] ?? '')
}

describe('parseInputs', () => {
  it('applies the documented defaults', () => {
    const { config, problems } = parse(valid)
    expect(problems).toEqual([])
    expect(config).toMatchObject({
      tenantId: TENANT,
      clientId: CLIENT,
      target: { kind: 'servicePrincipals', id: OBJECT },
      credentials: [],
      apiVersion: 'v1.0',
      audience: 'api://AzureADTokenExchange',
      authorityHost: 'https://login.microsoftonline.com',
      graphEndpoint: 'https://graph.microsoft.com',
      timeoutMs: 30_000,
      maxAttempts: 5,
      dryRun: false,
      reportJobs: false
    })
    expect(config?.cloud.name).toBe('global')
  })

  it.each([
    ['global', 'api://AzureADTokenExchange', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    ['us-gov', 'api://AzureADTokenExchangeUSGov', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    [
      'us-gov-dod',
      'api://AzureADTokenExchangeUSGov',
      'https://login.microsoftonline.us',
      'https://dod-graph.microsoft.us'
    ],
    [
      'china',
      'api://AzureADTokenExchangeChina',
      'https://login.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn'
    ],
    ['AzureCloud', 'api://AzureADTokenExchange', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    [
      'AzureUSGovernment',
      'api://AzureADTokenExchangeUSGov',
      'https://login.microsoftonline.us',
      'https://graph.microsoft.us'
    ],
    [
      'AzureChinaCloud',
      'api://AzureADTokenExchangeChina',
      'https://login.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn'
    ],
    [
      'US-GOV-DOD',
      'api://AzureADTokenExchangeUSGov',
      'https://login.microsoftonline.us',
      'https://dod-graph.microsoft.us'
    ]
  ])('cloud %s maps to audience %s, authority %s, Graph %s', (cloud, audience, authority, graph) => {
    const { config } = parse({ ...valid, cloud })
    expect(config).toMatchObject({ audience, authorityHost: authority, graphEndpoint: graph })
  })

  it('lets audience, authority-host and graph-endpoint override the cloud, trailing slashes removed', () => {
    const { config } = parse({
      ...valid,
      cloud: 'china',
      audience: 'api://Custom',
      'authority-host': 'https://login.example.test/',
      'graph-endpoint': 'https://graph.example.test:8443/'
    })
    expect(config).toMatchObject({
      audience: 'api://Custom',
      authorityHost: 'https://login.example.test',
      graphEndpoint: 'https://graph.example.test:8443'
    })
  })

  it.each([
    [
      'application-id selects the applications collection',
      { 'tenant-id': TENANT, 'client-id': CLIENT, 'application-id': OBJECT },
      { target: { kind: 'applications', id: OBJECT } }
    ],
    [
      'a verified domain as tenant',
      { ...valid, 'tenant-id': 'contoso.onmicrosoft.com' },
      { tenantId: 'contoso.onmicrosoft.com' }
    ],
    ['beta in any casing', { ...valid, 'api-version': 'BETA' }, { apiVersion: 'beta' }],
    ['fractional timeouts', { ...valid, 'timeout-seconds': '2.5' }, { timeoutMs: 2500 }],
    ['max-attempts 1 (no retry)', { ...valid, 'max-attempts': '1' }, { maxAttempts: 1 }],
    ['dry-run True', { ...valid, 'dry-run': 'True' }, { dryRun: true }],
    ['report-jobs true', { ...valid, 'report-jobs': 'true' }, { reportJobs: true }],
    ['report-jobs FALSE', { ...valid, 'report-jobs': 'FALSE' }, { reportJobs: false }],
    ['surrounding spaces', { ...valid, 'client-id': `  ${CLIENT} ` }, { clientId: CLIENT }]
  ])('accepts %s', (_name, inputs, expected) => {
    const { config, problems } = parse(inputs)
    expect(problems).toEqual([])
    expect(config).toMatchObject(expected)
  })

  it.each([
    ['tenant-id missing', { ...valid, 'tenant-id': '' }, /^tenant-id is required/],
    [
      'tenant-id malformed',
      { ...valid, 'tenant-id': 'not a tenant' },
      /^tenant-id must be a GUID or a verified domain/
    ],
    ['client-id missing', { ...valid, 'client-id': '' }, /^client-id is required/],
    ['client-id not a GUID', { ...valid, 'client-id': 'my-app' }, /^client-id must be a GUID/],
    [
      'no target',
      { 'tenant-id': TENANT, 'client-id': CLIENT },
      /^one of service-principal-id or application-id is required/
    ],
    ['both targets', { ...valid, 'application-id': OBJECT }, /^set only one of service-principal-id or application-id/],
    [
      'service-principal-id not a GUID',
      { ...valid, 'service-principal-id': 'sp' },
      /^service-principal-id must be an object ID, a GUID/
    ],
    [
      'application-id not a GUID',
      { 'tenant-id': TENANT, 'client-id': CLIENT, 'application-id': '123' },
      /^application-id must be an object ID/
    ],
    ['unknown cloud', { ...valid, cloud: 'mars' }, /^cloud must be one of global, us-gov, us-gov-dod, china/],
    ['unknown api-version', { ...valid, 'api-version': 'v2.0' }, /^api-version must be v1.0 or beta/],
    ['audience with spaces', { ...valid, audience: 'api://a b' }, /^audience must be a single token/],
    [
      'http authority-host',
      { ...valid, 'authority-host': 'http://login.example.test' },
      /^authority-host must be an https URL/
    ],
    [
      'graph-endpoint with a query',
      { ...valid, 'graph-endpoint': 'https://graph.example.test/?x=1' },
      /^graph-endpoint must be an https URL/
    ],
    [
      'graph-endpoint not a URL',
      { ...valid, 'graph-endpoint': 'graph.microsoft.com' },
      /^graph-endpoint must be an https URL/
    ],
    ['timeout-seconds 0', { ...valid, 'timeout-seconds': '0' }, /^timeout-seconds must be a number from 1 to 600/],
    ['timeout-seconds 601', { ...valid, 'timeout-seconds': '601' }, /^timeout-seconds must be a number from 1 to 600/],
    ['timeout-seconds text', { ...valid, 'timeout-seconds': '30s' }, /^timeout-seconds must be a number/],
    ['max-attempts 0', { ...valid, 'max-attempts': '0' }, /^max-attempts must be a whole number from 1 to 10/],
    ['max-attempts 11', { ...valid, 'max-attempts': '11' }, /^max-attempts must be a whole number from 1 to 10/],
    ['max-attempts fractional', { ...valid, 'max-attempts': '2.5' }, /^max-attempts must be a whole number/],
    ['dry-run yes', { ...valid, 'dry-run': 'yes' }, /^dry-run must be true or false/],
    ['report-jobs 1', { ...valid, 'report-jobs': '1' }, /^report-jobs must be true or false; got "1"/],
    [
      'credentials unknown key',
      { ...valid, credentials: 'Colour=blue' },
      /^credentials line 1: the key is not a synchronizationSecret name \(not shown/
    ]
  ])('rejects %s, naming the input', (_name, inputs, problem) => {
    const { config, problems } = parse(inputs)
    expect(config).toBeUndefined()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(problem)
  })

  it.each([
    ['parsed', 'https://admin:pw-parsed-123@graph.microsoft.com'],
    ['not parsable (port out of range)', 'https://admin:pw-unparsed-456@graph.microsoft.com:99999'],
    ['without slashes', 'https:admin:pw-noslash-789@graph.microsoft.com:99999'],
    ['with backslashes', 'https:\\\\admin:pw-backslash-012@graph.microsoft.com:x']
  ])('never quotes a URL with a user name or password (%s), and masks the password only', (_name, url) => {
    const password = /:(pw-[a-z]+-\d+)@/.exec(url)?.[1] as string
    const { problems, secrets } = parse({ ...valid, 'graph-endpoint': url })
    expect(problems).toEqual([
      'graph-endpoint must not contain credentials; got a URL with a user name or password (not shown)'
    ])
    expect(problems.join()).not.toContain(password)
    expect(problems.join()).not.toContain('admin')
    expect(secrets).toEqual([{ name: "graph-endpoint's password", value: password }])
  })

  it('does not mask a short URL password or any user name: the URL is refused, never sent nor quoted', () => {
    const { problems, secrets } = parse({ ...valid, 'authority-host': 'https://u:p@login.microsoftonline.com' })
    expect(problems).toEqual([
      'authority-host must not contain credentials; got a URL with a user name or password (not shown)'
    ])
    expect(secrets).toEqual([])
  })

  it('does not quote a URL with a password typed into another input either', () => {
    const { problems } = parse({ ...valid, 'tenant-id': 'https://admin:pw-in-tenant-55@login.microsoftonline.com' })
    expect(problems).toEqual([
      'tenant-id must be a GUID or a verified domain such as contoso.onmicrosoft.com; got a value with a URL user name or password (not shown)'
    ])
  })

  it('reports every problem at once', () => {
    const { problems } = parse({ 'tenant-id': 'x', cloud: 'mars', 'max-attempts': '99' })
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['tenant-id', 'client-id', 'one', 'cloud', 'max-attempts'])
  })

  it('returns credential values to mask even when other inputs are invalid', () => {
    const { secrets } = parse({ credentials: 'Password=p4ssw0rd-value' })
    expect(secrets).toEqual([{ name: 'credentials Password', value: 'p4ssw0rd-value' }])
  })
})
