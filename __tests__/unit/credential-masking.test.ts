import { configurationSecrets, credentialSecrets, isIndistinct, maskingWarnings } from '../../src/credential-masking.js'
import { isSecretKey, SYNCHRONIZATION_SECRET_KEYS, VALUE_CLASSES } from '../../src/synchronization-secret.js'

describe('the classification of synchronizationSecret keys', () => {
  it('classifies every key exactly once', () => {
    const classified = VALUE_CLASSES.flatMap((c) => c.keys)
    expect([...classified].sort()).toEqual([...SYNCHRONIZATION_SECRET_KEYS].sort())
  })

  it.each([
    'Password',
    'SecretToken',
    'ClientSecret',
    'Oauth2ClientSecret',
    'Oauth2AuthorizationCode',
    'Oauth2AccessToken',
    'Oauth2RefreshToken',
    'AppKey',
    'TokenKey',
    'ConsumerSecret',
    'ConnectionString',
    'SyncAgentCompatibilityKey',
    'None',
    'TestReferences'
  ] as const)('%s is a secret', (key) => {
    expect(isSecretKey(key)).toBe(true)
    expect(credentialSecrets(key, 'e')).toEqual([{ name: `credentials ${key}`, value: 'e' }])
  })

  it.each([
    ['SyncAll', '1'],
    ['SkipOutOfScopeDeletions', 'true'],
    ['Sandbox', 'e'],
    ['InstanceName', 'contoso'],
    ['UserName', 'admin'],
    ['Oauth2ClientId', '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b'],
    ['BaseAddress', 'https://api.contoso.test/scim/v2'],
    ['SyncNotificationSettings', '{"Enabled":true,"Recipients":"ops@contoso.test"}']
  ] as const)('%s is configuration: %s is not masked', (key, value) => {
    expect(isSecretKey(key)).toBe(false)
    expect(credentialSecrets(key, value)).toEqual([])
  })

  it('gives a reason for every group', () => {
    for (const group of VALUE_CLASSES) expect(group.reason.length).toBeGreaterThan(20)
  })
})

describe('configurationSecrets: the credential parts of a configuration value', () => {
  it.each([
    ['no URL', 'contoso', []],
    ['a plain URL', 'https://api.contoso.test/scim', []],
    ['a user name alone', 'https://scim-admin@api.contoso.test/scim', []],
    ['a password, however short', 'https://admin:p@api.contoso.test', ['p']],
    ['a percent-encoded password, also decoded', 'https://a:p%40ss-w0rd@h.test', ['p%40ss-w0rd', 'p@ss-w0rd']],
    ['a short token-like parameter', 'https://h.test/scim?sig=ab', ['ab']],
    ['a short ordinary parameter is not', 'https://h.test/scim?v=2', []],
    [
      'a long query and its long values',
      'https://h.test/scim?tenant=contoso-prod',
      ['tenant=contoso-prod', 'contoso-prod']
    ],
    ['a URL inside JSON', '{"Callback":"https://u:hook-pa55@hooks.test/x"}', ['hook-pa55']]
  ])('%s', (_name, value, expected) => {
    expect(configurationSecrets(value)).toEqual(expected)
  })
})

describe('isIndistinct and maskingWarnings', () => {
  it.each([
    ['e', true],
    ['tok', true],
    ['1234567', true],
    ['12345678901', true],
    ['Password', true],
    ['x7Qp2zR9', false],
    ['Zx8Q~client-secret-4a4b4c4d4e4f', false]
  ])('%s is indistinct: %s', (value, expected) => {
    expect(isIndistinct(value)).toBe(expected)
  })

  it('warns once per name whose value is indistinct, naming the key and never the value', () => {
    const warnings = maskingWarnings([
      { name: 'credentials Password', value: 'zq' },
      { name: 'credentials Url', value: 'zq' },
      { name: 'credentials Url', value: 'x7Qp2zR9-long' },
      { name: 'credentials SecretToken', value: 'Zx8Q~client-secret-4a4b4c4d4e4f' },
      { name: 'credentials AppKey', value: '   ' }
    ])
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/^credentials Password: the value is short or a common word .* shows as \*\*\*$/)
    expect(warnings[1]).toMatch(/^credentials Url: /)
    expect(warnings.join()).not.toContain('zq')
  })
})
