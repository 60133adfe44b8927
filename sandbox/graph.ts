import { randomUUID } from 'node:crypto'
import { json, Party, type RecordedRequest, type Reply } from './party.js'
import { nowSeconds, verifyJwt, type SigningKey } from './jwt.js'
import { SECRET_KEYS, type Directory } from './directory.js'

const ROUTE =
  /^\/(v1\.0|beta)\/(applications|servicePrincipals)\/([^/]+)\/synchronization\/(acquireAccessToken|jobs)\/?$/
const VALIDATE_ROUTE =
  /^\/(v1\.0|beta)\/(applications|servicePrincipals)\/([^/]+)\/synchronization\/jobs\/([^/]+)\/validateCredentials$/
const OWNERS_ROUTE = /^\/v1\.0\/(applications|servicePrincipals)\/([^/]+)\/owners\/\$ref$/
const LIST_OWNERS_ROUTE = /^\/(v1\.0|beta)\/(applications|servicePrincipals)\/([^/]+)\/owners\/?$/
const APP_ROLE_ASSIGNED_TO_ROUTE = /^\/v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignedTo$/
const DIRECTORY_OBJECT = /\/v1\.0\/directoryObjects\/([0-9a-f-]{36})$/i

/**
 * The application permissions each operation accepts, and those that reach every object (Application.ReadWrite.OwnedBy
 * reaches only the objects the app owns). acquireAccessToken:
 * https://learn.microsoft.com/graph/api/synchronization-synchronization-acquireaccesstoken; list jobs (Read.All too):
 * https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs.
 */
const PERMISSIONS = {
  acquireAccessToken: {
    any: ['Application.ReadWrite.OwnedBy', 'Synchronization.ReadWrite.All'],
    everyObject: ['Synchronization.ReadWrite.All']
  },
  jobs: {
    any: ['Application.ReadWrite.OwnedBy', 'Synchronization.Read.All', 'Synchronization.ReadWrite.All'],
    everyObject: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All']
  }
} as const

/**
 * List owners (https://learn.microsoft.com/graph/api/serviceprincipal-list-owners,
 * https://learn.microsoft.com/graph/api/application-list-owners): Application.Read.All, or Application.ReadWrite.All,
 * Application.ReadWrite.OwnedBy, Directory.Read.All, Directory.ReadWrite.All. Users report that OwnedBy reads objects
 * it does not own too (https://github.com/microsoftgraph/microsoft-graph-docs/issues/17416); `ownedByReadsEveryObject`
 * turns that off to play a Graph that limits OwnedBy to owned objects.
 */
const LIST_OWNERS_PERMISSIONS = [
  'Application.Read.All',
  'Application.ReadWrite.All',
  'Application.ReadWrite.OwnedBy',
  'Directory.Read.All',
  'Directory.ReadWrite.All'
] as const

/**
 * Microsoft Graph's synchronization endpoints on one object: `POST …/acquireAccessToken` and `GET …/jobs`. Both
 * verify the bearer token (signature, audience, expiry, tenant, app role, ownership for …OwnedBy) and the object id;
 * acquireAccessToken also the content type and body against the synchronizationSecret enum.
 */
export class GraphService {
  readonly party = new Party('Graph', (request) => this.handle(request))
  /** Authorization codes accepted so far; with singleUseCodes, a second use of one is refused. */
  readonly redeemedCodes = new Set<string>()
  singleUseCodes = false
  ownedByReadsEveryObject = true

  constructor(
    private readonly directory: () => Directory,
    private readonly entraKey: () => SigningKey
  ) {}

  private handle(request: RecordedRequest): Reply {
    const context = {
      requestId: randomUUID(),
      clientRequestId: String(request.headers['client-request-id'] ?? randomUUID()),
      date: new Date()
    }
    const fail = (status: number, code: string, message: string): Reply =>
      json(
        status,
        {
          error: {
            code,
            message,
            innerError: {
              date: context.date.toISOString().replace(/\.\d+Z$/, ''),
              'request-id': context.requestId,
              'client-request-id': context.clientRequestId
            }
          }
        },
        headersOf(context)
      )
    const path = new URL(request.url, 'https://sandbox.invalid').pathname
    const owners = OWNERS_ROUTE.exec(path)
    if (owners && request.method === 'POST') return this.addOwner(request, owners[1], owners[2], fail, context)
    const assignment = APP_ROLE_ASSIGNED_TO_ROUTE.exec(path)
    if (assignment && request.method === 'POST') return this.assignAppRole(request, assignment[1], fail, context)
    const validate = VALIDATE_ROUTE.exec(path)
    if (validate && request.method === 'POST') {
      return this.validateCredentials(request, validate[2], validate[3], validate[4], fail, context)
    }
    const listOwners = LIST_OWNERS_ROUTE.exec(path)
    if (listOwners && request.method === 'GET') {
      const caller = this.caller(request, fail)
      if ('status' in caller) return caller
      return this.listOwners(request, listOwners[2], listOwners[3], caller, fail, context)
    }
    const route = ROUTE.exec(path)
    if (!route) return fail(400, 'BadRequest', `Resource not found for the segment '${request.url.split('?')[0]}'.`)
    const [, version, kind, id, operation] = route
    const method = operation === 'jobs' ? 'GET' : 'POST'
    if (request.method !== method) return fail(405, 'Request_BadRequest', 'The requested method is not allowed.')

    const directory = this.directory()
    const caller = this.caller(request, fail)
    if ('status' in caller) return caller
    const { claims, roles } = caller
    // Observed on synchronization endpoints: a missing permission is a 401 UnknownError with an empty message.
    const permissions = PERMISSIONS[operation as keyof typeof PERMISSIONS]
    const holds = (names: readonly string[]): boolean => roles.some((role) => names.includes(role))
    if (!holds(permissions.any)) return fail(401, 'UnknownError', '')

    if (operation === 'acquireAccessToken') {
      const contentType = String(request.headers['content-type'] ?? '')
      if (!contentType.toLowerCase().startsWith('application/json')) {
        return fail(
          415,
          'UnsupportedMediaType',
          'A supported MIME type could not be found that matches the content type of the response.'
        )
      }
    }
    const object = directory.objects.find((o) => o.kind === kind && o.id.toLowerCase() === id.toLowerCase())
    if (!object) {
      return fail(
        404,
        'Request_ResourceNotFound',
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
      )
    }
    if (!holds(permissions.everyObject) && !object.owners.includes(String(claims.oid))) {
      return fail(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
    }
    if (operation === 'jobs') {
      return json(
        200,
        {
          '@odata.context': `https://${request.headers.host ?? ''}/${version}/$metadata#${kind}('${object.id}')/synchronization/jobs`,
          value: object.jobs
        },
        headersOf(context)
      )
    }
    const body = parseBody(request.body)
    if (typeof body === 'string') return fail(400, 'BadRequest', body)
    const code = body.find((entry) => entry.key === 'Oauth2AuthorizationCode')?.value
    if (code !== undefined && this.singleUseCodes) {
      if (this.redeemedCodes.has(code)) {
        return fail(400, 'BadRequest', 'The authorization code has already been redeemed; obtain a new one.')
      }
      this.redeemedCodes.add(code)
    }
    object.received.push(body)
    return { status: 204, headers: headersOf(context) }
  }

  /**
   * Graph's validateCredentials with `useSavedCredentials: true` (the portal's Test Connection), for an administrator:
   * 204 when the object holds credentials saved by an acquireAccessToken that Graph processed, 400 otherwise.
   */
  private validateCredentials(
    request: RecordedRequest,
    kind: string,
    id: string,
    jobId: string,
    fail: (status: number, code: string, message: string) => Reply,
    context: { requestId: string; clientRequestId: string; date: Date }
  ): Reply {
    const refused = this.refuseAllButAdministrator(request, fail)
    if (refused) return refused
    const object = this.directory().objects.find((o) => o.kind === kind && o.id.toLowerCase() === id.toLowerCase())
    if (!object?.jobs.some((job) => job.id === decodeURIComponent(jobId))) {
      return fail(404, 'Request_ResourceNotFound', `Resource '${jobId}' does not exist.`)
    }
    let useSaved: unknown
    try {
      useSaved = (JSON.parse(request.body) as Record<string, unknown>).useSavedCredentials
    } catch {
      useSaved = undefined
    }
    if (useSaved !== true) return fail(400, 'BadRequest', 'Only useSavedCredentials is supported by the sandbox.')
    if (object.received.length === 0) return fail(400, 'BadRequest', 'The saved credentials are not valid.')
    return { status: 204, headers: headersOf(context) }
  }

  /** The bearer token's claims and roles after Graph's checks (signature, audience, expiry, tenant), or the refusal. */
  private caller(
    request: RecordedRequest,
    fail: (status: number, code: string, message: string) => Reply
  ): { claims: Record<string, unknown>; roles: string[] } | Reply {
    const authorization = String(request.headers.authorization ?? '')
    if (!authorization.startsWith('Bearer ')) return fail(401, 'InvalidAuthenticationToken', 'Access token is empty.')
    const token = verifyJwt(authorization.slice('Bearer '.length), [this.entraKey()])
    if (!token.ok) return fail(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid signature.')
    const claims = token.claims
    if (claims.aud !== `https://${request.headers.host ?? ''}`)
      return fail(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.')
    if (typeof claims.exp !== 'number' || claims.exp < nowSeconds()) {
      return fail(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.')
    }
    if (claims.tid !== this.directory().tenantId)
      return fail(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid tenant.')
    return { claims, roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [] }
  }

  /** Graph's "list owners", as directoryObject references (`$select=id` or not, the sandbox answers ids and types). */
  private listOwners(
    request: RecordedRequest,
    kind: string,
    id: string,
    caller: { claims: Record<string, unknown>; roles: string[] },
    fail: (status: number, code: string, message: string) => Reply,
    context: { requestId: string; clientRequestId: string; date: Date }
  ): Reply {
    const denied = (): Reply =>
      fail(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
    const readers = caller.roles.filter((role) => (LIST_OWNERS_PERMISSIONS as readonly string[]).includes(role))
    if (readers.length === 0) return denied()
    const object = this.directory().objects.find((o) => o.kind === kind && o.id.toLowerCase() === id.toLowerCase())
    if (!object) {
      return fail(
        404,
        'Request_ResourceNotFound',
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
      )
    }
    const onlyOwnedBy = readers.every((role) => role === 'Application.ReadWrite.OwnedBy')
    if (onlyOwnedBy && !this.ownedByReadsEveryObject && !object.owners.includes(String(caller.claims.oid))) {
      return denied()
    }
    return json(
      200,
      {
        '@odata.context': `https://${request.headers.host ?? ''}/v1.0/$metadata#directoryObjects(id)`,
        value: object.owners.map((owner) => ({ '@odata.type': '#microsoft.graph.servicePrincipal', id: owner }))
      },
      headersOf(context)
    )
  }

  /** The refusal for a caller whose token is not an administrator's (Application.ReadWrite.All), if it is not. */
  private refuseAllButAdministrator(
    request: RecordedRequest,
    fail: (status: number, code: string, message: string) => Reply
  ): Reply | undefined {
    const token = verifyJwt(String(request.headers.authorization ?? '').replace(/^Bearer /, ''), [this.entraKey()])
    if (!token.ok) return fail(401, 'InvalidAuthenticationToken', 'Access token validation failure.')
    const roles = Array.isArray(token.claims.roles) ? token.claims.roles.map(String) : []
    if (!roles.includes('Application.ReadWrite.All')) {
      return fail(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
    }
    return undefined
  }

  /** Graph's "add owner": an administrator's token (Application.ReadWrite.All) adds a directory object as owner. */
  private addOwner(
    request: RecordedRequest,
    kind: string,
    id: string,
    fail: (status: number, code: string, message: string) => Reply,
    context: { requestId: string; clientRequestId: string; date: Date }
  ): Reply {
    const refused = this.refuseAllButAdministrator(request, fail)
    if (refused) return refused
    const object = this.directory().objects.find((o) => o.kind === kind && o.id.toLowerCase() === id.toLowerCase())
    if (!object) return fail(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`)
    let reference: unknown
    try {
      reference = (JSON.parse(request.body) as Record<string, unknown>)['@odata.id']
    } catch {
      reference = undefined
    }
    // The reference must name a directory object of this Graph, as Graph requires, not another cloud's.
    const owner =
      typeof reference === 'string' && reference.startsWith(`https://${request.headers.host ?? ''}/`)
        ? DIRECTORY_OBJECT.exec(reference)?.[1]
        : undefined
    if (!owner) return fail(400, 'Request_BadRequest', 'Invalid object identifier in @odata.id.')
    if (!object.owners.includes(owner)) object.owners.push(owner)
    return { status: 204, headers: headersOf(context) }
  }

  /**
   * Graph's "grant an appRoleAssignment" on Microsoft Graph's service principal
   * (https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto): an administrator assigns one of
   * Graph's app roles to an app's service principal, and the app's next token carries it. The body's resourceId
   * must be the service principal the URL names.
   */
  private assignAppRole(
    request: RecordedRequest,
    resourceSp: string,
    fail: (status: number, code: string, message: string) => Reply,
    context: { requestId: string; clientRequestId: string; date: Date }
  ): Reply {
    const refused = this.refuseAllButAdministrator(request, fail)
    if (refused) return refused
    const directory = this.directory()
    if (resourceSp.toLowerCase() !== directory.graphServicePrincipalId.toLowerCase())
      return fail(404, 'Request_ResourceNotFound', `Resource '${resourceSp}' does not exist.`)
    let body: Record<string, unknown> = {}
    try {
      body = JSON.parse(request.body) as Record<string, unknown>
    } catch {
      return fail(400, 'BadRequest', 'The request body is not JSON.')
    }
    const app = directory.apps.find(
      (a) => a.servicePrincipalObjectId.toLowerCase() === String(body.principalId).toLowerCase()
    )
    const role = GRAPH_APP_ROLES[String(body.appRoleId).toLowerCase()]
    if (String(body.resourceId).toLowerCase() !== resourceSp.toLowerCase() || !app || !role)
      return fail(400, 'Request_BadRequest', 'Invalid principalId, resourceId or appRoleId.')
    app.graphRoles = [...new Set([...app.graphRoles, role])]
    return {
      status: 201,
      headers: { ...headersOf(context), 'content-type': 'application/json' },
      body: JSON.stringify({
        principalId: app.servicePrincipalObjectId,
        resourceId: resourceSp,
        appRoleId: body.appRoleId
      })
    }
  }
}

/** Microsoft Graph's app roles the sandbox knows, by id (https://learn.microsoft.com/graph/permissions-reference). */
const GRAPH_APP_ROLES: Readonly<Record<string, string>> = {
  '18a4783c-866b-4cc7-a460-3d5e5662c884': 'Application.ReadWrite.OwnedBy'
}

function headersOf(context: { requestId: string; clientRequestId: string; date: Date }): Record<string, string> {
  return {
    'request-id': context.requestId,
    'client-request-id': context.clientRequestId,
    date: context.date.toUTCString(),
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: { DataCenter: 'Sandbox', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'SANDBOX01' }
    }),
    'strict-transport-security': 'max-age=31536000'
  }
}

/** The credentials collection, or the OData-style message Graph gives for a body it cannot read. */
function parseBody(text: string): Array<{ key: string; value: string }> | string {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return 'Invalid JSON body.'
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON object.'
  const extra = Object.keys(body).filter((k) => k !== 'credentials')
  if (extra.length > 0)
    return `The property '${extra[0]}' does not exist on type 'microsoft.graph.synchronization.acquireAccessToken'.`
  const credentials = (body as { credentials?: unknown }).credentials
  if (!Array.isArray(credentials))
    return "The parameter 'credentials' in the request payload is not a valid parameter for the operation 'acquireAccessToken'."
  const result: Array<{ key: string; value: string }> = []
  for (const item of credentials as unknown[]) {
    const entry = item as { key?: unknown; value?: unknown }
    if (typeof entry !== 'object' || entry === null || typeof entry.key !== 'string') {
      return "Cannot convert the literal '' to the expected type 'microsoft.graph.synchronizationSecret'."
    }
    if (!SECRET_KEYS.has(entry.key)) {
      return `Cannot convert the literal '${entry.key}' to the expected type 'microsoft.graph.synchronizationSecret'.`
    }
    if (typeof entry.value !== 'string') return "Cannot convert a primitive value to the expected type 'Edm.String'."
    result.push({ key: entry.key, value: entry.value })
  }
  return result
}
