import { randomUUID } from 'node:crypto'
import { json, Party, type Reply } from './party.js'
import { createSigningKey, jwks, nowSeconds, signJwt, type SigningKey } from './jwt.js'
import { GITHUB_ISSUER, SAMPLE, SAMPLE_SUBJECT } from './directory.js'

/** What the GitHub OIDC token service puts in the tokens it issues; tests change it per scenario. */
export interface GitHubOidcSettings {
  issuer: string
  subject: string
  repository: string
  ref: string
  environment: string | undefined
  /**
   * How long before "now" GitHub issued the next token (its iat/nbf; exp follows from lifetimeSeconds): a token
   * fetched long before the exchange, or issued for another time. Applies to one token, as a re-run gets a fresh one.
   */
  nextTokenAgeSeconds: number
  lifetimeSeconds: number
}

export function defaultGitHubOidcSettings(): GitHubOidcSettings {
  return {
    issuer: GITHUB_ISSUER,
    subject: SAMPLE_SUBJECT,
    repository: SAMPLE.repository,
    ref: 'refs/heads/main',
    environment: SAMPLE.environment,
    nextTokenAgeSeconds: 0,
    lifetimeSeconds: 300
  }
}

/**
 * The runner's ID token service: `GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=…` with the job's request token
 * as bearer, answering `{"value": "<JWT>"}` with GitHub's claim set, signed RS256.
 */
export class GitHubOidcService {
  readonly key: SigningKey = createSigningKey()
  readonly requestToken = `ghs_sandbox_${randomUUID().replace(/-/g, '')}`
  readonly issued: string[] = []
  settings = defaultGitHubOidcSettings()
  readonly party = new Party('GitHub OIDC', (request) => this.handle(request))
  readonly requestPath =
    '/abcdef0123456789/00000000-0000-0000-0000-000000000000/_apis/distributedtask/hubs/Actions/plans/4a3b2c1d/jobs/9e8d7c6b/idtoken'

  /** ACTIONS_ID_TOKEN_REQUEST_URL as the runner sets it (with api-version, so the action appends `&audience`). */
  requestUrl(host?: string): string {
    return `${this.party.url(host)}${this.requestPath}?api-version=2.0`
  }

  private handle(request: {
    method: string
    url: string
    headers: Record<string, string | string[] | undefined>
  }): Reply {
    const url = new URL(request.url, 'https://sandbox.invalid')
    if (url.pathname === '/.well-known/jwks') return json(200, jwks(this.key))
    if (request.method !== 'GET' || url.pathname !== this.requestPath) return json(404, { message: 'Not Found' })
    if (request.headers.authorization !== `Bearer ${this.requestToken}`) {
      return json(401, { message: 'Unable to authenticate the request: the bearer token is missing or invalid.' })
    }
    if (url.searchParams.get('api-version') !== '2.0') return json(400, { message: 'api-version 2.0 is required' })
    const settings = this.settings
    const audience = url.searchParams.get('audience') ?? `https://github.com/${settings.repository.split('/')[0]}`
    const now = nowSeconds() - settings.nextTokenAgeSeconds
    settings.nextTokenAgeSeconds = 0
    const [owner] = settings.repository.split('/')
    const claims: Record<string, unknown> = {
      jti: randomUUID(),
      sub: settings.subject,
      aud: audience,
      ref: settings.ref,
      sha: 'd6cd1e2bd19e03a81132a23b2025920577f84e37',
      repository: settings.repository,
      repository_owner: owner,
      repository_id: '74',
      repository_owner_id: '65',
      repository_visibility: 'private',
      run_id: '9120456789',
      run_number: '42',
      run_attempt: '1',
      actor: 'octocat',
      actor_id: '583231',
      workflow: 'release',
      event_name: 'push',
      ref_type: 'branch',
      ...(settings.environment ? { environment: settings.environment } : {}),
      job_workflow_ref: `${settings.repository}/.github/workflows/release.yml@${settings.ref}`,
      runner_environment: 'github-hosted',
      iss: settings.issuer,
      nbf: now - 5,
      iat: now - 5,
      exp: now + settings.lifetimeSeconds
    }
    const token = signJwt(claims, this.key)
    this.issued.push(token)
    return json(200, { value: token })
  }
}
