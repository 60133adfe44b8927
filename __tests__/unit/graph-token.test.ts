import { readGraphToken } from '../../src/graph-token.js'
import { fakeJwt } from '../fakes/fakes.js'

describe('the evidence in a Graph token', () => {
  it('reads audience, tenant, caller, app, roles, directory roles and expiry', () => {
    const token = fakeJwt({
      aud: 'https://graph.microsoft.com',
      tid: 'tenant-1',
      oid: 'caller-oid',
      appid: 'client-1',
      roles: ['Application.ReadWrite.OwnedBy'],
      wids: ['0997a1d0-0d1d-4acb-b408-d5ca73121e90'],
      exp: 1795000000
    })
    expect(readGraphToken(token)).toEqual({
      audience: 'https://graph.microsoft.com',
      tenantId: 'tenant-1',
      objectId: 'caller-oid',
      appId: 'client-1',
      roles: ['Application.ReadWrite.OwnedBy'],
      directoryRoles: ['0997a1d0-0d1d-4acb-b408-d5ca73121e90'],
      expiresAt: 1795000000000
    })
  })

  it('takes azp when a v2 token has no appid, and joins an audience list', () => {
    expect(readGraphToken(fakeJwt({ azp: 'client-2', aud: ['a', 'b'] }))).toMatchObject({
      appId: 'client-2',
      audience: 'a, b'
    })
  })

  it('reports missing or mistyped claims as empty, never as values', () => {
    expect(readGraphToken(fakeJwt({ roles: 'Synchronization.ReadWrite.All', wids: [7, 'w'], exp: 'soon' }))).toEqual({
      audience: '',
      tenantId: '',
      objectId: '',
      appId: '',
      roles: [],
      directoryRoles: ['w'],
      expiresAt: undefined
    })
  })

  it.each([['not-a-jwt'], ['a.bm90IGpzb24.c'], [`a.${Buffer.from('[1]').toString('base64url')}.c`]])(
    'returns undefined for %s',
    (token) => {
      expect(readGraphToken(token)).toBeUndefined()
    }
  )
})
