import { CLOUD_CHOICES, CLOUDS, resolveCloud, type Cloud } from './clouds.js'
import { isIndistinct, urlPassword, USER_INFO, type SecretValue } from './credential-masking.js'
import { parseCredentials, type Credential } from './credentials.js'

export type TargetKind = 'servicePrincipals' | 'applications'
export type ApiVersion = 'v1.0' | 'beta'

/** Everything the action needs to run, validated. */
export interface ActionConfig {
  tenantId: string
  clientId: string
  target: { kind: TargetKind; id: string }
  credentials: Credential[]
  cloud: Cloud
  apiVersion: ApiVersion
  audience: string
  /** Without a trailing slash. */
  authorityHost: string
  /** Without a trailing slash; the token scope is `${graphEndpoint}/.default`. */
  graphEndpoint: string
  timeoutMs: number
  maxAttempts: number
  dryRun: boolean
  /** After a 204, list the target's provisioning jobs (one more Graph request, read-only). */
  reportJobs: boolean
}

export interface InputParse {
  config: ActionConfig | undefined
  /** One sentence per problem, each naming its input and what is allowed. */
  problems: string[]
  /** Strings to mask before anything is printed, even when the inputs are invalid. */
  secrets: SecretValue[]
}

/** Reads one input by its action.yml name; returns '' when it is not set. */
export type InputReader = (name: string) => string

export const DEFAULTS = {
  cloud: 'global',
  'api-version': 'v1.0',
  'timeout-seconds': '30',
  'max-attempts': '5',
  'dry-run': 'false',
  'report-jobs': 'false'
} as const

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const TRUE_WORDS = ['true', 'True', 'TRUE']
const FALSE_WORDS = ['false', 'False', 'FALSE']

/** Validates every input and reports all problems together, so one run shows everything to fix. */
export function parseInputs(read: InputReader): InputParse {
  const problems: string[] = []
  const get = (name: string): string => read(name).trim()
  const withDefault = (name: keyof typeof DEFAULTS): string => get(name) || DEFAULTS[name]

  const tenantId = get('tenant-id')
  if (!tenantId) problems.push('tenant-id is required: the tenant GUID or a verified domain (contoso.onmicrosoft.com)')
  else if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    problems.push(
      `tenant-id must be a GUID or a verified domain such as contoso.onmicrosoft.com; got ${quoted(tenantId)}`
    )
  }

  const clientId = get('client-id')
  if (!clientId) problems.push('client-id is required: the application (client) ID of the app registration, a GUID')
  else if (!GUID.test(clientId))
    problems.push(`client-id must be a GUID (the application (client) ID); got ${quoted(clientId)}`)

  const target = parseTarget(get('service-principal-id'), get('application-id'), problems)

  const rawCredentials = read('credentials')
  const parsedCredentials = parseCredentials(rawCredentials)
  problems.push(...parsedCredentials.problems.map((problem) => `credentials ${problem}`))

  const cloudInput = withDefault('cloud')
  const cloud = resolveCloud(cloudInput)
  if (!cloud) problems.push(`cloud must be one of ${CLOUD_CHOICES}; got ${quoted(cloudInput)}`)
  const effectiveCloud = cloud ?? CLOUDS.global

  const apiVersionInput = withDefault('api-version')
  const apiVersion = (['v1.0', 'beta'] as const).find((v) => v === apiVersionInput.toLowerCase())
  if (!apiVersion) problems.push(`api-version must be v1.0 or beta; got ${quoted(apiVersionInput)}`)

  const audience = get('audience') || effectiveCloud.audience
  if (/\s/.test(audience) || audience.length > 512) {
    problems.push(
      'audience must be a single token without spaces (at most 512 characters), e.g. api://AzureADTokenExchange'
    )
  }

  const secrets = [...parsedCredentials.secrets]
  const authorityHost = parseHttpsUrl(
    'authority-host',
    get('authority-host'),
    effectiveCloud.authorityHost,
    problems,
    secrets
  )
  const graphEndpoint = parseHttpsUrl(
    'graph-endpoint',
    get('graph-endpoint'),
    effectiveCloud.graphEndpoint,
    problems,
    secrets
  )

  const timeoutSeconds = parseNumber('timeout-seconds', withDefault('timeout-seconds'), 1, 600, false, problems)
  const maxAttempts = parseNumber('max-attempts', withDefault('max-attempts'), 1, 10, true, problems)

  const dryRun = parseBoolean('dry-run', withDefault('dry-run'), problems)
  const reportJobs = parseBoolean('report-jobs', withDefault('report-jobs'), problems)

  if (problems.length > 0 || !target || !cloud || !apiVersion) return { config: undefined, problems, secrets }
  return {
    config: {
      tenantId,
      clientId,
      target,
      credentials: parsedCredentials.credentials,
      cloud,
      apiVersion,
      audience,
      authorityHost,
      graphEndpoint,
      timeoutMs: Math.round(timeoutSeconds * 1000),
      maxAttempts,
      dryRun,
      reportJobs
    },
    problems,
    secrets
  }
}

/**
 * A value quoted for an error message, cut short so a pasted blob cannot flood the log; a value that holds a URL's
 * user name or password, in whatever input it was typed, is not shown at all.
 */
function quoted(value: string): string {
  if (USER_INFO.test(value)) return 'a value with a URL user name or password (not shown)'
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
}

function parseTarget(
  servicePrincipalId: string,
  applicationId: string,
  problems: string[]
): ActionConfig['target'] | undefined {
  if (servicePrincipalId && applicationId) {
    problems.push('set only one of service-principal-id or application-id, not both')
    return undefined
  }
  if (!servicePrincipalId && !applicationId) {
    problems.push('one of service-principal-id or application-id is required: the object ID (a GUID) of the target')
    return undefined
  }
  const [name, kind, id] = servicePrincipalId
    ? (['service-principal-id', 'servicePrincipals', servicePrincipalId] as const)
    : (['application-id', 'applications', applicationId] as const)
  if (!GUID.test(id)) {
    problems.push(
      `${name} must be an object ID, a GUID such as 00000000-0000-0000-0000-000000000000; got ${quoted(id)}`
    )
    return undefined
  }
  return { kind, id }
}

function parseHttpsUrl(
  name: string,
  value: string,
  fallback: string,
  problems: string[],
  secrets: SecretValue[]
): string {
  if (!value) return fallback
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  // Whether or not it parses, a URL whose authority holds an '@' carries a user name or password: never quote it.
  if (USER_INFO.test(value) || (url && (url.username || url.password))) {
    // Refused, so never sent, used or quoted: masking guards only against a copy nobody prints. The user name is a
    // name, and a short password would hide every occurrence of it in the job's log, so only a distinctive one is.
    const password = urlPassword(value) || (url?.password ?? '')
    if (!isIndistinct(password)) secrets.push({ name: `${name}'s password`, value: password })
    problems.push(`${name} must not contain credentials; got a URL with a user name or password (not shown)`)
    return fallback
  }
  if (!url || url.protocol !== 'https:' || url.search || url.hash) {
    problems.push(
      `${name} must be an https URL without query, fragment or credentials, e.g. ${fallback}; got ${quoted(value)}`
    )
    return fallback
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/** The YAML 1.2 core schema's booleans, as the runner's getBooleanInput reads them. */
function parseBoolean(name: string, value: string, problems: string[]): boolean {
  if (TRUE_WORDS.includes(value)) return true
  if (!FALSE_WORDS.includes(value)) problems.push(`${name} must be true or false; got ${quoted(value)}`)
  return false
}

function parseNumber(
  name: string,
  value: string,
  min: number,
  max: number,
  integer: boolean,
  problems: string[]
): number {
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/
  const number = Number(value)
  if (!pattern.test(value) || number < min || number > max) {
    problems.push(
      `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got ${quoted(value)}`
    )
    return min
  }
  return number
}
