/**
 * The `synchronizationSecret` enum of Microsoft Graph (identical in v1.0 and beta). Graph matches the key names
 * exactly, so the action accepts any casing from the user and sends the spelling below.
 */
export const SYNCHRONIZATION_SECRET_KEYS = [
  'None',
  'UserName',
  'Password',
  'SecretToken',
  'AppKey',
  'BaseAddress',
  'ClientIdentifier',
  'ClientSecret',
  'SingleSignOnType',
  'Sandbox',
  'Url',
  'Domain',
  'ConsumerKey',
  'ConsumerSecret',
  'TokenKey',
  'TokenExpiration',
  'Oauth2AccessToken',
  'Oauth2AccessTokenCreationTime',
  'Oauth2RefreshToken',
  'SyncAll',
  'InstanceName',
  'Oauth2ClientId',
  'Oauth2ClientSecret',
  'CompanyId',
  'UpdateKeyOnSoftDelete',
  'SynchronizationSchedule',
  'SystemOfRecord',
  'SandboxName',
  'EnforceDomain',
  'SyncNotificationSettings',
  'SkipOutOfScopeDeletions',
  'Oauth2AuthorizationCode',
  'Oauth2RedirectUri',
  'ApplicationTemplateIdentifier',
  'Oauth2TokenExchangeUri',
  'Oauth2AuthorizationUri',
  'AuthenticationType',
  'Server',
  'PerformInboundEntitlementGrants',
  'HardDeletesEnabled',
  'SyncAgentCompatibilityKey',
  'SyncAgentADContainer',
  'ValidateDomain',
  'TestReferences',
  'ConnectionString'
] as const

export type SynchronizationSecretKey = (typeof SYNCHRONIZATION_SECRET_KEYS)[number]

/**
 * What a value of each key is. A `secret` is registered with the runner's masker and scrubbed from everything the
 * action writes, however short. A `configuration` value is not: `::add-mask::` hides a string everywhere in the job
 * log for the rest of the job, so registering `true`, `1` or an organisation's name would garble every line that
 * happens to contain it. Only the parts of a configuration value that can carry a credential — a URL's password,
 * a token-like query parameter — are masked (configurationSecrets in src/credential-masking.ts).
 * When a key's meaning is not documented, it is a secret.
 */
export const VALUE_CLASSES: ReadonlyArray<{
  kind: 'secret' | 'configuration'
  reason: string
  keys: readonly SynchronizationSecretKey[]
}> = [
  {
    kind: 'secret',
    reason: 'passwords, client secrets, tokens and keys: whoever holds one can act as the app',
    keys: [
      'Password',
      'SecretToken',
      'AppKey',
      'ClientSecret',
      'ConsumerSecret',
      'TokenKey',
      'Oauth2ClientSecret',
      'Oauth2AccessToken',
      'Oauth2RefreshToken',
      'Oauth2AuthorizationCode',
      'SyncAgentCompatibilityKey'
    ]
  },
  {
    kind: 'secret',
    reason: 'a connection string usually embeds a password',
    keys: ['ConnectionString']
  },
  {
    kind: 'secret',
    reason: 'an OAuth 1.0 consumer key some services treat as an API key; long and random, so masking it costs nothing',
    keys: ['ConsumerKey']
  },
  {
    kind: 'secret',
    reason: 'meaning not documented by Graph: when in doubt, a secret',
    keys: ['None', 'TestReferences']
  },
  {
    kind: 'configuration',
    reason: 'addresses: only a URL password or a token-like query parameter inside them is masked',
    keys: ['BaseAddress', 'Url', 'Server', 'Oauth2RedirectUri', 'Oauth2TokenExchangeUri', 'Oauth2AuthorizationUri']
  },
  {
    kind: 'configuration',
    reason: 'names and identifiers, like client-id and tenant-id here: not credentials on their own',
    keys: [
      'UserName',
      'ClientIdentifier',
      'Oauth2ClientId',
      'Domain',
      'InstanceName',
      'CompanyId',
      'SandboxName',
      'SyncAgentADContainer',
      'ApplicationTemplateIdentifier'
    ]
  },
  {
    kind: 'configuration',
    reason: 'switches, times and settings: true/false, a number, a schedule, an enumeration',
    keys: [
      'SingleSignOnType',
      'Sandbox',
      'TokenExpiration',
      'Oauth2AccessTokenCreationTime',
      'SyncAll',
      'UpdateKeyOnSoftDelete',
      'SynchronizationSchedule',
      'SystemOfRecord',
      'EnforceDomain',
      'SyncNotificationSettings',
      'SkipOutOfScopeDeletions',
      'AuthenticationType',
      'PerformInboundEntitlementGrants',
      'HardDeletesEnabled',
      'ValidateDomain'
    ]
  }
]

const secretKeys = new Set(VALUE_CLASSES.filter((c) => c.kind === 'secret').flatMap((c) => c.keys))

/** Whether a value of `key` is a secret (masked whatever it is) rather than configuration. */
export function isSecretKey(key: SynchronizationSecretKey): boolean {
  return secretKeys.has(key)
}

const byLowerCase = new Map<string, SynchronizationSecretKey>(
  SYNCHRONIZATION_SECRET_KEYS.map((key) => [key.toLowerCase(), key])
)

/** The enum spelling of `key` (any casing), or undefined when it is not a member. */
export function canonicalSecretKey(key: string): SynchronizationSecretKey | undefined {
  return byLowerCase.get(key.toLowerCase())
}

/** The member closest to an unknown key, when one is close enough to be a plausible typo. */
export function closestSecretKey(key: string): SynchronizationSecretKey | undefined {
  const wanted = key.toLowerCase()
  let best: SynchronizationSecretKey | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of SYNCHRONIZATION_SECRET_KEYS) {
    const distance = editDistance(wanted, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  const tolerance = Math.max(2, Math.floor(wanted.length / 3))
  return bestDistance <= tolerance ? best : undefined
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution))
    }
    previous = current
  }
  return previous[b.length]
}
