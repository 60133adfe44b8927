import { TransportError } from '../../src/transport-error.js'
import { catalogueEntry, hintContext } from '../../src/catalogue.js'
import { ActionError } from '../../src/errors.js'
import type { GraphTokenEvidence } from '../../src/graph-token.js'
import {
  checkLines,
  checksAfterFailure,
  rehearsalFailure,
  rehearse,
  tokenChecks,
  type Check
} from '../../src/rehearsal.js'
import {
  fakeClock,
  fakeJwt,
  response,
  SAMPLE_TENANT,
  sampleConfig,
  type Scripted,
  scriptedHttp
} from '../fakes/fakes.js'

const TENANT = SAMPLE_TENANT

const config = sampleConfig

const evidence = (overrides: Partial<GraphTokenEvidence> = {}): GraphTokenEvidence => ({
  audience: 'https://graph.microsoft.com',
  tenantId: TENANT,
  objectId: '6c5b4a39-2817-4f6e-8d5c-4b3a29180f7e',
  appId: '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  roles: ['Application.ReadWrite.OwnedBy'],
  directoryRoles: [],
  expiresAt: undefined,
  ...overrides
})

const summary = (checks: Check[]) => checks.map((check) => `${check.outcome}: ${check.name}`)

describe('the rehearsal’s token checks', () => {
  it('passes audience, tenant and permission for a token that fits the inputs', () => {
    expect(summary(tokenChecks(evidence(), config()))).toEqual([
      'passed: Token audience',
      'passed: Token tenant',
      'passed: Graph permission'
    ])
  })

  it.each([
    ['with a trailing slash', 'https://graph.microsoft.com/'],
    ['in another letter case', 'https://Graph.Microsoft.com'],
    ['as Microsoft Graph’s application id', '00000003-0000-0000-c000-000000000000']
  ])('accepts the audience %s', (_name, audience) => {
    expect(tokenChecks(evidence({ audience }), config())[0].outcome).toBe('passed')
  })

  it('fails the audience of another cloud’s Graph with the catalogue’s cause and fix', () => {
    const [audience] = tokenChecks(evidence({ audience: 'https://graph.microsoft.us' }), config())
    expect(audience.outcome).toBe('failed')
    expect(audience.error?.code).toBe('TokenAudienceMismatch')
    expect(audience.detail).toBe(
      'the Graph token is for "https://graph.microsoft.us", but graph-endpoint is https://graph.microsoft.com: that Graph refuses it'
    )
    expect(audience.error?.hints[0]).toBe(catalogueEntry('graph-token-audience').cause)
  })

  it('fails a token from another tenant, and cannot compare when tenant-id is a domain', () => {
    const other = tokenChecks(evidence({ tenantId: '00000000-0000-4000-8000-000000000000' }), config())[1]
    expect([other.outcome, other.error?.code]).toEqual(['failed', 'TokenTenantMismatch'])
    expect(other.error?.hints[0]).toBe(catalogueEntry('graph-token-tenant').cause)
    const domain = tokenChecks(evidence(), config({ 'tenant-id': 'contoso.onmicrosoft.com' }))[1]
    expect(domain.outcome).toBe('not verifiable')
    expect(domain.detail).toMatch(/^tenant-id is a domain name, which the token does not carry/)
  })

  it.each([
    ['no role at all', [], 'graph-no-permission'],
    ['a permission unrelated to synchronization', ['User.Read.All'], 'graph-no-permission'],
    ['only the read permission', ['Synchronization.Read.All'], 'graph-read-only-permission']
  ])('fails the permission with %s, with the matching catalogue entry', (_name, roles, id) => {
    const [, , permission] = tokenChecks(evidence({ roles }), config())
    expect([permission.outcome, permission.error?.code]).toEqual(['failed', 'MissingGraphPermission'])
    expect(permission.error?.hints).toEqual([
      catalogueEntry(id as 'graph-no-permission').cause,
      ...catalogueEntry(id as 'graph-no-permission').fixes(
        hintContext(config(), { callerObjectId: evidence().objectId })
      )
    ])
  })

  it('says OwnedBy allows the call on owned targets only; ReadWrite.All, the broader permission, on every target', () => {
    expect(tokenChecks(evidence(), config())[2].detail).toMatch(
      /on targets the app owns \(see "Ownership of the target"\)/
    )
    const broad = tokenChecks(evidence({ roles: ['Synchronization.ReadWrite.All'] }), config())[2]
    expect(broad.detail).toMatch(
      /^Synchronization\.ReadWrite\.All \(the broader permission\) allows acquireAccessToken on every target/
    )
  })

  it('calls the permission not verifiable when only directory roles are in the token', () => {
    const [, , permission] = tokenChecks(
      evidence({ roles: [], directoryRoles: ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3'] }),
      config()
    )
    expect(permission.outcome).toBe('not verifiable')
    expect(permission.detail).toMatch(/directory role Application Administrator \(9b895d92-/)
  })

  it.each([
    ['the default user role', 'b79fbf4d-3ef9-4689-8143-76b194e85509'],
    ['Directory Readers', '88d8e3e3-8f55-4a1e-953a-9b9898b8876b']
  ])('fails the permission when the only directory role is %s, which does not manage provisioning', (_name, wid) => {
    const [, , permission] = tokenChecks(evidence({ roles: ['User.Read.All'], directoryRoles: [wid] }), config())
    expect(permission.outcome).toBe('failed')
    expect(permission.detail).toBe(
      'the token’s roles hold neither Application.ReadWrite.OwnedBy nor Synchronization.ReadWrite.All (roles: User.Read.All)'
    )
    expect(permission.error?.hints[0]).toMatch(/^The token’s roles hold neither Application\.ReadWrite\.OwnedBy nor/)
  })

  it('cannot inspect a token that is not a JWT', () => {
    expect(summary(tokenChecks(undefined, config()))).toEqual([
      'not verifiable: Token audience',
      'not verifiable: Token tenant',
      'not verifiable: Graph permission'
    ])
  })
})

describe('the rehearsal’s outcome', () => {
  const failure = new ActionError({
    stage: 'Entra',
    code: 'AADSTS700213',
    message: 'no match',
    hints: ['cause', 'fix']
  })

  it('lists every check after an Entra refusal: OIDC passed, Entra failed, the rest not verifiable', () => {
    expect(summary(checksAfterFailure('Entra', failure))).toEqual([
      'passed: GitHub OIDC token',
      'failed: Entra token (federated credential)',
      'not verifiable: Token audience',
      'not verifiable: Token tenant',
      'not verifiable: Graph permission',
      'not verifiable: Ownership of the target',
      'not verifiable: Read provisioning jobs',
      'not verifiable: Credentials'
    ])
    expect(summary(checksAfterFailure('GitHub OIDC', failure)).slice(0, 2)).toEqual([
      'failed: GitHub OIDC token',
      'not verifiable: Entra token (federated credential)'
    ])
    expect(checksAfterFailure('inputs', failure)).toEqual([])
  })

  it('fails with the first failed check, naming it and the others, with every failed check’s hints once', () => {
    const checks = [
      ...tokenChecks(evidence({ audience: 'https://graph.microsoft.us', roles: [] }), config()),
      ...checksAfterFailure('Entra', failure).slice(0, 1)
    ]
    const error = rehearsalFailure(checks)
    expect(error?.code).toBe('TokenAudienceMismatch')
    expect(error?.message).toMatch(/^dry-run check "Token audience" failed: .* \(also failed: "Graph permission"\)$/)
    const [audienceHints, permissionHints] = [checks[0], checks[2]].map((check) => check.error?.hints ?? [])
    expect(error?.hints).toEqual([...audienceHints, ...permissionHints])
    expect(rehearsalFailure([...checks, ...checks])?.hints).toEqual(error?.hints)
    expect(rehearsalFailure(tokenChecks(evidence(), config()))).toBeUndefined()
  })

  it('writes one line per check, server text on one line, a failure’s hints left to the annotation', () => {
    const error = new ActionError({ stage: 'Graph', code: 'X', message: 'm', hints: ['the cause', 'the fix'] })
    const lines = checkLines([
      { name: 'Token audience', outcome: 'failed', detail: 'for "x\n::error::forged"', error },
      { name: 'Credentials', outcome: 'not verifiable', detail: 'never sent' }
    ])
    expect(lines).toEqual([
      '✗ failed: Token audience: for "x\\n::error::forged"',
      '– not verifiable: Credentials: never sent'
    ])
  })
})

describe('the rehearsal’s ownership check: what the real POST needs under the token’s permissions', () => {
  const OID = evidence().objectId
  const jobs = response(200, { value: [] }, { 'request-id': '00000000-0000-4000-8000-0000000000b1' })
  const owners = (...ids: string[]) => response(200, { value: ids.map((id) => ({ id })) })

  async function ownership(roles: string[], ...graph: Scripted[]) {
    const send = scriptedHttp(...graph)
    const token = fakeJwt({ aud: 'https://graph.microsoft.com', tid: TENANT, oid: OID, roles })
    const rehearsal = await rehearse(
      { send, clock: fakeClock(), log: () => undefined, userAgent: 'test' },
      config(),
      token,
      'client-request-id'
    )
    const check = rehearsal.checks.find((c) => c.name === 'Ownership of the target')!
    return { check, rehearsal, urls: send.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`) }
  }

  it('passes without reading owners when the token carries Synchronization.ReadWrite.All, naming it the broader permission', async () => {
    const { check, urls } = await ownership(['Application.ReadWrite.OwnedBy', 'Synchronization.ReadWrite.All'], jobs)
    expect(check.outcome).toBe('passed')
    expect(check.detail).toMatch(/^not needed: .*Synchronization\.ReadWrite\.All, the broader permission/)
    expect(urls).toEqual(['GET /v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/jobs'])
  })

  it('reads the owners under Application.ReadWrite.OwnedBy and passes when they name the caller (any case)', async () => {
    const { check, urls, rehearsal } = await ownership(
      ['Application.ReadWrite.OwnedBy'],
      jobs,
      owners('someone-else', OID.toUpperCase())
    )
    expect(check.outcome).toBe('passed')
    expect(check.detail).toContain(`(${OID}) is an owner of servicePrincipals/`)
    expect(urls[1]).toBe('GET /v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/owners')
    expect(rehearsal).toMatchObject({ status: '200', requestId: '00000000-0000-4000-8000-0000000000b1', attempts: 1 })
  })

  it('fails with the catalogue’s not-owner cause and owners/$ref fix when the owners do not name the caller, even though Synchronization.Read.All read the jobs', async () => {
    const { check } = await ownership(['Application.ReadWrite.OwnedBy', 'Synchronization.Read.All'], jobs, owners('x'))
    expect([check.outcome, check.error?.code]).toEqual(['failed', 'NotTargetOwner'])
    expect(check.error?.hints[0]).toBe(catalogueEntry('graph-not-owner').cause)
    expect(check.error?.hints[1]).toContain(
      `/owners/$ref' --resource 'https://graph.microsoft.com' --body '{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/${OID}"}'`
    )
  })

  it.each([
    [
      'Graph refuses the owners list',
      response(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } }),
      /Graph refused to list the target’s owners \(HTTP 403 Authorization_RequestDenied: Insufficient privileges\)/
    ],
    [
      'the caller is not on the first of several pages',
      response(200, { value: [{ id: 'x' }], '@odata.nextLink': 'https://next' }),
      /not on the first page of owners/
    ],
    ['the answer is not a collection', response(200, '<html>'), /not a JSON collection/],
    [
      'Graph does not answer (every attempt)',
      Array<Scripted>(5).fill(new TransportError('network', 'reset')),
      /Graph did not answer the owners list \(reset\)/
    ]
  ])('is not verifiable, and says why, when %s', async (_name, answer, why) => {
    const { check } = await ownership(['Application.ReadWrite.OwnedBy'], jobs, ...[answer].flat())
    expect(check.outcome).toBe('not verifiable')
    expect(check.detail).toMatch(why)
  })

  it('is not verifiable, and reads no owners, when the token carries no permission that allows the POST', async () => {
    const { check, urls } = await ownership(['Synchronization.Read.All'], jobs)
    expect(check.outcome).toBe('not verifiable')
    expect(check.detail).toMatch(/matters only under Application\.ReadWrite\.OwnedBy/)
    expect(urls).toHaveLength(1)
  })
})
