import { addOwnerCommand, CATALOGUE, DOC_CONTEXT, hintContext, type CatalogueId } from '../../src/catalogue.js'
import { diagnoseGraphResponse, describeToken } from '../../src/graph-diagnosis.js'
import { readGraphToken } from '../../src/graph-token.js'
import { fakeJwt, response, SAMPLE_TENANT, sampleConfig } from '../fakes/fakes.js'

const TENANT = SAMPLE_TENANT
const CALLER = '9a8b7c6d-0000-4000-8000-00000000c0de'
const NOW = Date.parse('2026-11-22T10:00:00Z')
const URL = `https://graph.microsoft.com/v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/acquireAccessToken`

const config = sampleConfig

const token = (claims: Record<string, unknown>) =>
  readGraphToken(
    fakeJwt({ aud: 'https://graph.microsoft.com', tid: TENANT, oid: CALLER, exp: NOW / 1000 + 600, ...claims })
  )
const graphError = (status: number, code: string, message = '') =>
  response(status, { error: { code, message } }, { 'request-id': 'r' })

describe('the catalogue', () => {
  it('has unique ids that are valid anchors, and every entry names a cause and at least one fix', () => {
    const ids = CATALOGUE.map((entry) => entry.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const entry of CATALOGUE) {
      expect(entry.id).toMatch(/^[a-z0-9-]+$/)
      expect(entry.cause).not.toBe('')
      expect(entry.fixes(DOC_CONTEXT).length).toBeGreaterThan(0)
    }
  })

  it('labels every fix that widens privilege or trust as such, after the least-privileged one', () => {
    for (const entry of CATALOGUE) {
      const fixes = entry.fixes(DOC_CONTEXT)
      fixes.forEach((fix, index) => {
        if (/Synchronization\.ReadWrite\.All/.test(fix)) {
          expect(fix).toMatch(/^Broader alternative/)
          expect(index).toBeGreaterThan(0)
        }
      })
    }
  })

  it('prints the owners/$ref command with the caller’s object id, single-quoted so the shell keeps $ref', () => {
    const context = hintContext(config(), { callerObjectId: CALLER })
    expect(addOwnerCommand(context)).toBe(
      `az rest --method POST --url 'https://graph.microsoft.com/v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/owners/$ref' --resource 'https://graph.microsoft.com' --body '{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/${CALLER}"}'`
    )
  })
})

describe('diagnosing a Graph answer from its evidence', () => {
  it.each<[string, ReturnType<typeof response>, ReturnType<typeof token>, CatalogueId]>([
    [
      '401 with an empty message and no permission',
      graphError(401, 'UnknownError'),
      token({ roles: [] }),
      'graph-no-permission'
    ],
    ['403 with no permission', graphError(403, 'Authorization_RequestDenied'), token({}), 'graph-no-permission'],
    [
      '403 with Application.ReadWrite.OwnedBy',
      graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges'),
      token({ roles: ['Application.ReadWrite.OwnedBy'] }),
      'graph-not-owner'
    ],
    [
      '401 with Application.ReadWrite.OwnedBy',
      graphError(401, 'UnknownError'),
      token({ roles: ['Application.ReadWrite.OwnedBy'] }),
      'graph-not-owner'
    ],
    [
      '403 with Synchronization.ReadWrite.All',
      graphError(403, 'Authorization_RequestDenied'),
      token({ roles: ['Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy'] }),
      'graph-denied'
    ],
    [
      '403 with a directory role and no permission',
      graphError(403, 'Authorization_RequestDenied'),
      token({ wids: ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3'] }),
      'graph-denied'
    ],
    [
      '403 with only the default user role (every token may carry it)',
      graphError(403, 'Authorization_RequestDenied'),
      token({ wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'] }),
      'graph-no-permission'
    ],
    [
      '403 with Directory Readers, a role that does not manage provisioning',
      graphError(403, 'Authorization_RequestDenied'),
      token({ wids: ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'] }),
      'graph-no-permission'
    ],
    [
      '403 with Cloud Application Administrator',
      graphError(403, 'Authorization_RequestDenied'),
      token({ wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509', '158c047a-c907-4556-b7ef-446551a6b5f7'] }),
      'graph-denied'
    ],
    [
      '403 with an unreadable token',
      graphError(403, 'Authorization_RequestDenied'),
      undefined,
      'graph-token-unreadable'
    ],
    [
      '401 InvalidAuthenticationToken, token matches',
      graphError(401, 'InvalidAuthenticationToken'),
      token({}),
      'graph-invalid-token'
    ],
    [
      '401 InvalidAuthenticationToken, token for another Graph',
      graphError(401, 'InvalidAuthenticationToken'),
      token({ aud: 'https://graph.microsoft.us' }),
      'graph-token-mismatch'
    ],
    [
      '401 InvalidAuthenticationToken, expired token',
      graphError(401, 'InvalidAuthenticationToken'),
      token({ exp: NOW / 1000 - 1 }),
      'graph-token-mismatch'
    ],
    ['404', graphError(404, 'Request_ResourceNotFound'), token({}), 'graph-object-not-found'],
    ['400', graphError(400, 'BadRequest'), token({}), 'graph-bad-request'],
    ['429', graphError(429, 'TooManyRequests'), token({}), 'graph-throttled'],
    ['503 from Graph', graphError(503, 'ServiceUnavailable'), token({}), 'graph-server-error'],
    ['500 HTML without request-id', response(500, '<html>oops</html>'), token({}), 'graph-gateway'],
    ['403 empty body without request-id', response(403, ''), token({}), 'graph-gateway'],
    ['502 empty body with a request-id', response(502, '', { 'request-id': 'r' }), token({}), 'graph-server-error']
  ])('%s → %s', (_name, answer, evidence, id) => {
    const diagnosis = diagnoseGraphResponse({
      response: answer,
      call: { method: 'POST', url: URL, operation: 'acquireAccessToken' },
      token: evidence,
      config: config(),
      now: NOW
    })
    expect(diagnosis?.id).toBe(id)
  })

  it('states what the token carries on a 401 or 403, never the token', () => {
    const evidence = token({ roles: ['Application.ReadWrite.OwnedBy'], appid: 'app-1' })
    const diagnosis = diagnoseGraphResponse({
      response: graphError(403, 'Authorization_RequestDenied'),
      call: { method: 'POST', url: URL, operation: 'acquireAccessToken' },
      token: evidence,
      config: config(),
      now: NOW
    })
    expect(diagnosis?.evidence).toEqual([['graph token', describeToken(evidence)]])
    expect(describeToken(evidence)).toBe(
      `roles Application.ReadWrite.OwnedBy; directory roles (wids) none; oid ${CALLER}; appid app-1; aud https://graph.microsoft.com; tid ${TENANT}; expires 2026-11-22T10:10:00.000Z`
    )
    expect(diagnosis?.hints.join('\n')).toContain(`directoryObjects/${CALLER}`)
  })

  it.each([
    [
      'a token for another Graph',
      { aud: 'https://graph.microsoft.us' },
      /audience https:\/\/graph\.microsoft\.us is not the host called/
    ],
    ['a token of another tenant', { tid: '00000000-0000-4000-8000-000000000000' }, /tenant 0{8}-.* is not tenant-id/],
    ['an expired token', { exp: NOW / 1000 - 1 }, /; expired by the runner’s clock$/],
    [
      'a v2 token naming Graph by its application id',
      { aud: '00000003-0000-0000-c000-000000000000' },
      /^audience is Microsoft Graph’s application id, which names no cloud; tenant matches tenant-id; not expired by/
    ],
    [
      'a token that matches',
      {},
      /^audience matches the host called; tenant matches tenant-id; not expired by the runner’s clock$/
    ]
  ])('compares %s with the call on InvalidAuthenticationToken', (_name, claims, finding) => {
    const diagnosis = diagnoseGraphResponse({
      response: graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.'),
      call: { method: 'POST', url: URL, operation: 'acquireAccessToken' },
      token: token(claims),
      config: config(),
      now: NOW
    })
    expect(diagnosis?.evidence.find(([name]) => name === 'token check')?.[1]).toMatch(finding)
  })
})
