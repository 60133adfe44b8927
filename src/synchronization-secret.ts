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
