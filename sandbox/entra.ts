import { randomUUID } from 'node:crypto'
import { json, Party, type RecordedRequest, type Reply } from './party.js'
import { createSigningKey, decodeJwtClaims, nowSeconds, signJwt, verifyJwt, type SigningKey } from './jwt.js'
import type { AppRegistration, Directory } from './directory.js'

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
/** Graph roots whose tokens the sandbox issues besides its own Graph's: the four clouds', for dry-run mapping tests. */
const CLOUD_GRAPH_ROOTS = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn'
]

/** An assertion issuer Entra trusts, with the key its tokens are signed with (GitHub's JWKS, in real life). */
export interface TrustedIssuer {
  issuer: string
  keys: SigningKey[]
}

/**
 * Microsoft Entra's v2.0 endpoints as MSAL calls them: OpenID metadata and the token endpoint, verifying a client
 * assertion the way workload identity federation does and answering with Entra's error shapes.
 */
export class EntraService {
  readonly key: SigningKey = createSigningKey()
  readonly issued: string[] = []
  readonly party = new Party('Entra', (request) => this.handle(request))
  /** Resources tokens may be issued for: the clouds' Graph roots plus whatever the sandbox adds (its own Graph). */
  readonly resources = new Set<string>(CLOUD_GRAPH_ROOTS)
  /**
   * Resources Entra knows under another identifier: a token asked for the key carries the value as its audience
   * (the resource's own identifier URI), so the token is for a different Graph host than the one asked for.
   */
  readonly aliases = new Map<string, string>()

  constructor(
    private readonly directory: () => Directory,
    private readonly trustedIssuers: () => TrustedIssuer[]
  ) {}

  private handle(request: RecordedRequest): Reply {
    const url = new URL(request.url, 'https://sandbox.invalid')
    const [, tenant, ...rest] = url.pathname.split('/')
    const route = rest.join('/')
    const directory = this.directory()
    const known =
      directory.tenantId === tenant?.toLowerCase() ||
      directory.domains.some((d) => d.toLowerCase() === tenant?.toLowerCase())
    const base = `https://${request.headers.host ?? ''}`
    if (route === 'v2.0/.well-known/openid-configuration' && request.method === 'GET') {
      if (!known) return this.error(400, 'invalid_tenant', 90002, tenantNotFound(tenant ?? ''))
      const id = directory.tenantId
      return json(200, {
        token_endpoint: `${base}/${id}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/${id}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/${id}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${base}/oidc/userinfo`,
        authorization_endpoint: `${base}/${id}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/${id}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/${id}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid'],
        kerberos_endpoint: `${base}/${id}/kerberos`,
        tenant_region_scope: 'NA',
        cloud_instance_name: 'sandbox.invalid',
        cloud_graph_host_name: 'graph.sandbox.invalid',
        msgraph_host: 'graph.sandbox.invalid',
        rbac_url: 'https://pas.sandbox.invalid'
      })
    }
    if (route === 'oauth2/v2.0/token' && request.method === 'POST') {
      if (!known) return this.error(400, 'invalid_request', 90002, tenantNotFound(tenant ?? ''))
      return this.token(new URLSearchParams(request.body), directory)
    }
    return json(404, { error: 'not_found', error_description: `no such endpoint: ${url.pathname}` })
  }

  private token(form: URLSearchParams, directory: Directory): Reply {
    if (form.get('grant_type') !== 'client_credentials') {
      return this.error(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.')
    }
    const clientId = form.get('client_id') ?? ''
    const app = directory.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase())
    if (!app) {
      return this.error(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${directory.domains[0]}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
      )
    }
    const assertion = form.get('client_assertion')
    if (form.get('client_assertion_type') !== JWT_BEARER || !assertion) {
      return this.error(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
      )
    }
    const failure = this.checkAssertion(assertion, app)
    if (failure) return failure
    const scope = form.get('scope') ?? ''
    const resource = scope
      .split(' ')
      .find((s) => s.endsWith('/.default'))
      ?.slice(0, -'/.default'.length)
    if (!resource || !(this.resources.has(resource) || this.aliases.has(resource))) {
      return this.error(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource ?? scope} was not found in the tenant named ${directory.domains[0]}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`
      )
    }
    const now = nowSeconds()
    const accessToken = signJwt(
      {
        aud: this.aliases.get(resource) ?? resource,
        iss: `https://sts.windows.net/${directory.tenantId}/`,
        iat: now,
        nbf: now,
        exp: now + 3599,
        appid: app.clientId,
        azp: app.clientId,
        idtyp: 'app',
        oid: app.servicePrincipalObjectId,
        roles: app.graphRoles,
        sub: randomUUID(),
        tid: directory.tenantId,
        ver: '1.0'
      },
      this.key
    )
    this.issued.push(accessToken)
    return json(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken })
  }

  /** Workload identity federation's checks, in Entra's order; undefined when the assertion is accepted. */
  private checkAssertion(assertion: string, app: AppRegistration): Reply | undefined {
    const claims = decodeJwtClaims(assertion)
    if (!claims) return this.error(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.')
    const issuer = String(claims.iss ?? '')
    const subject = String(claims.sub ?? '')
    const audiences = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud ?? '')]
    const byIssuer = app.federatedCredentials.filter((c) => c.issuer === issuer)
    if (byIssuer.length === 0) {
      return this.error(
        400,
        'invalid_request',
        700211,
        `No matching federated identity record found for presented assertion issuer '${issuer}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`
      )
    }
    const trusted = this.trustedIssuers().find((t) => t.issuer === issuer)
    if (!trusted || !verifyJwt(assertion, trusted.keys).ok) {
      return this.error(401, 'invalid_client', 700027, 'Client assertion failed signature validation.')
    }
    const now = nowSeconds()
    const skew = 300
    if (
      typeof claims.exp !== 'number' ||
      claims.exp < now - skew ||
      (typeof claims.nbf === 'number' && claims.nbf > now + skew)
    ) {
      return this.error(
        400,
        'invalid_client',
        700024,
        `Client assertion is not within its valid time range. Current time: ${new Date(now * 1000).toISOString()}, assertion valid from ${isoSeconds(claims.nbf)}, expiry time of assertion ${isoSeconds(claims.exp)}.`
      )
    }
    // Entra refuses to store a credential with more or fewer than one audience
    // (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#errors), so no world
    // the sandbox models may hold one, and no fix may rely on it.
    const malformed = app.federatedCredentials.find((c) => c.audiences.length !== 1)
    if (malformed) {
      return json(500, {
        error: 'sandbox_world_invalid',
        error_description: `federated credential ${malformed.name} must have exactly one audience`
      })
    }
    const exact = byIssuer.find((c) => c.subject === subject && audiences.includes(c.audiences[0]))
    if (exact) return undefined
    const bySubject = byIssuer.filter((c) => c.subject === subject)
    if (bySubject.length === 0) {
      if (byIssuer.some((c) => c.subject.toLowerCase() === subject.toLowerCase())) {
        return this.error(
          400,
          'invalid_request',
          7002138,
          `No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison.`
        )
      }
      return this.error(
        400,
        'invalid_request',
        700213,
        `No matching federated identity record found for presented assertion subject '${subject}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`
      )
    }
    return this.error(
      400,
      'invalid_client',
      70021,
      `No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer}'. Assertion Subject: '${subject}'. Assertion Audience: '${audiences.join(',')}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`
    )
  }

  private error(status: number, error: string, code: number, text: string): Reply {
    const traceId = randomUUID()
    const correlationId = randomUUID()
    const timestamp = new Date()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z')
    return json(status, {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`
    })
  }
}

function tenantNotFound(tenant: string): string {
  return `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`
}

function isoSeconds(value: unknown): string {
  return typeof value === 'number' ? new Date(value * 1000).toISOString() : 'unknown'
}
