import { readFileSync } from 'node:fs'
import { request } from 'node:https'
import { SAMPLE, sampleJob } from '../../sandbox/directory.js'
import { nowSeconds, signJwt } from '../../sandbox/jwt.js'
import { useSandbox } from './harness.js'

const sandbox = useSandbox()

interface Answer {
  status: number
  body: Record<string, unknown>
}

/** A Graph access token as the sandbox's Entra signs it, with the given claims changed. */
function graphToken(claims: Record<string, unknown> = {}): string {
  const now = nowSeconds()
  return signJwt(
    {
      aud: sandbox().graph.party.url(),
      tid: SAMPLE.tenantId,
      appid: SAMPLE.clientId,
      oid: SAMPLE.automationObjectId,
      roles: ['Application.ReadWrite.OwnedBy'],
      iat: now,
      exp: now + 600,
      ...claims
    },
    sandbox().entra.key
  )
}

function call(method: string, path: string, token = graphToken()): Promise<Answer> {
  const url = new URL(path, sandbox().graph.party.url())
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: readFileSync(sandbox().tls.caPath),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }))
      }
    )
    req.on('error', reject)
    req.end(method === 'POST' ? '{"credentials":[]}' : undefined)
  })
}

const jobsOf = (kind = 'servicePrincipals', id: string = SAMPLE.servicePrincipalId, version = 'v1.0') =>
  `/${version}/${kind}/${id}/synchronization/jobs`
const errorCode = (answer: Answer) => (answer.body.error as { code: string }).code

describe('the sandbox’s GET …/synchronization/jobs', () => {
  it.each([['v1.0'], ['beta']])('lists the jobs of an owned service principal on %s', async (version) => {
    const answer = await call('GET', jobsOf('servicePrincipals', SAMPLE.servicePrincipalId, version))
    expect(answer.status).toBe(200)
    expect(answer.body.value).toEqual([sampleJob('Active')])
    expect(answer.body['@odata.context']).toContain(`/${version}/$metadata#servicePrincipals('`)
  })

  it('serves every status, a quarantine with its error included', async () => {
    const error = {
      code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable',
      message: 'm',
      tenantActionable: true
    }
    sandbox().directory.objects[0].jobs = [
      ...(['NotConfigured', 'NotRun', 'Active', 'Paused'] as const).map((code) => sampleJob(code)),
      sampleJob('Quarantine', '2026-11-22T09:40:00Z', { reason: 'EncounteredQuarantineException', error })
    ]
    const answer = await call('GET', jobsOf())
    const jobs = answer.body.value as Array<ReturnType<typeof sampleJob>>
    expect(jobs.map((job) => job.status.code)).toEqual(['NotConfigured', 'NotRun', 'Active', 'Paused', 'Quarantine'])
    expect(jobs[4].status.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException', error })
  })

  it('lists an application’s jobs too', async () => {
    const answer = await call('GET', jobsOf('applications', SAMPLE.applicationId))
    expect(answer).toMatchObject({ status: 200, body: { value: [] } })
  })

  it.each([
    ['Synchronization.Read.All', []],
    ['Synchronization.ReadWrite.All', []],
    ['Application.ReadWrite.OwnedBy', [SAMPLE.automationObjectId]]
  ])('accepts %s (owners %j)', async (role, owners) => {
    sandbox().directory.objects[0].owners = owners
    expect((await call('GET', jobsOf(), graphToken({ roles: [role] }))).status).toBe(200)
  })

  it.each([
    ['no Graph permission', { roles: [] }, 401, 'UnknownError'],
    ['only a permission unrelated to synchronization', { roles: ['User.Read.All'] }, 401, 'UnknownError'],
    ['another audience', { aud: 'https://graph.microsoft.com' }, 401, 'InvalidAuthenticationToken'],
    ['another tenant', { tid: '00000000-0000-4000-8000-000000000000' }, 401, 'InvalidAuthenticationToken'],
    ['an expired token', { exp: nowSeconds() - 10 }, 401, 'InvalidAuthenticationToken']
  ])('refuses %s like acquireAccessToken does', async (_name, claims, status, code) => {
    const jobs = await call('GET', jobsOf(), graphToken(claims))
    const acquire = await call('POST', jobsOf().replace(/jobs$/, 'acquireAccessToken'), graphToken(claims))
    expect([jobs.status, errorCode(jobs)]).toEqual([status, code])
    expect([acquire.status, errorCode(acquire)]).toEqual([status, code])
  })

  it('refuses a token signed by anyone else', async () => {
    const [header, payload] = graphToken().split('.')
    const answer = await call('GET', jobsOf(), `${header}.${payload}.forged`)
    expect([answer.status, errorCode(answer)]).toEqual([401, 'InvalidAuthenticationToken'])
  })

  it('refuses OwnedBy on an object the app does not own (403), and lets Read.All read it but not write', async () => {
    sandbox().directory.objects[0].owners = []
    const notOwner = await call('GET', jobsOf())
    expect([notOwner.status, errorCode(notOwner)]).toEqual([403, 'Authorization_RequestDenied'])
    const readOnly = graphToken({ roles: ['Synchronization.Read.All'] })
    expect((await call('GET', jobsOf(), readOnly)).status).toBe(200)
    const write = await call('POST', jobsOf().replace(/jobs$/, 'acquireAccessToken'), readOnly)
    expect(write.status).toBe(401)
  })

  it('answers 404 for an id of the wrong kind (an application id as a service principal)', async () => {
    const answer = await call('GET', jobsOf('servicePrincipals', SAMPLE.applicationId))
    expect([answer.status, errorCode(answer)]).toEqual([404, 'Request_ResourceNotFound'])
  })

  it('refuses POST on jobs and GET on acquireAccessToken', async () => {
    expect((await call('POST', jobsOf())).status).toBe(405)
    expect((await call('GET', jobsOf().replace(/jobs$/, 'acquireAccessToken'))).status).toBe(405)
  })
})
