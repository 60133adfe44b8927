import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()

describe('bad input fails before any request', () => {
  it.each([
    ['tenant-id', { 'tenant-id': '' }, /tenant-id is required/],
    ['client-id', { 'client-id': 'my-app' }, /client-id must be a GUID/],
    ['target missing', { 'service-principal-id': '' }, /one of service-principal-id or application-id is required/],
    ['both targets', { 'application-id': '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' }, /set only one of/],
    ['target not a GUID', { 'service-principal-id': 'enterprise-app' }, /service-principal-id must be an object ID/],
    [
      'unknown credential key',
      { credentials: 'Oauth2ClientSecrt=shh-this-is-secret' },
      /credentials line 1: unknown key Oauth2ClientSecrt.*did you mean Oauth2ClientSecret\?/
    ],
    [
      'duplicate credential key',
      { credentials: 'UserName=first-user-name\nusername=second-user-name' },
      /credentials line 2: the key UserName is already given at line 1/
    ],
    [
      'broken credentials JSON',
      { credentials: '[{"key":"Password","value":"p@ss-secret-json"' },
      /credentials not valid JSON/
    ],
    ['cloud', { cloud: 'AzureGermanCloud' }, /cloud must be one of global, us-gov, us-gov-dod, china/],
    ['api-version', { 'api-version': 'v2' }, /api-version must be v1.0 or beta/],
    ['audience', { audience: 'two words' }, /audience must be a single token/],
    ['authority-host', { 'authority-host': 'http://login.microsoftonline.com' }, /authority-host must be an https URL/],
    ['graph-endpoint', { 'graph-endpoint': 'graph.microsoft.com' }, /graph-endpoint must be an https URL/],
    ['timeout-seconds', { 'timeout-seconds': '0' }, /timeout-seconds must be a number from 1 to 600/],
    ['max-attempts', { 'max-attempts': '11' }, /max-attempts must be a whole number from 1 to 10/],
    ['dry-run', { 'dry-run': 'maybe' }, /dry-run must be true or false/],
    ['report-jobs', { 'report-jobs': 'on' }, /report-jobs must be true or false/]
  ])('%s', async (_name, inputs, message) => {
    const secrets = ['shh-this-is-secret', 'p@ss-secret-json']
    const run = await runAction(sandbox(), inputs, {}, secrets)
    expect(run.exitCode).toBe(1)
    expect(run.requests).toEqual({ oidc: 0, entra: 0, graph: 0 })
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(/^inputs: invalid input; nothing was sent anywhere\./)
    expect(run.errors[0]).toMatch(message)
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/)
    expect(run.outputs).toMatchObject({ 'error-code': 'InvalidInput', status: '', 'request-id': '', attempts: '0' })
    expect(run.summary).toContain('❌ InvalidInput')
  })
})
