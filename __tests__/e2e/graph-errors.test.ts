import { catalogueEntry } from '../../src/catalogue.js'
import { SAMPLE } from '../../sandbox/directory.js'
import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()

describe('Graph refusals, reported with what to do', () => {
  it('404 for an object id that is not in the directory: object id vs appId hint, no retry', async () => {
    const run = await runAction(sandbox(), { 'service-principal-id': SAMPLE.clientId })
    expect(run.exitCode).toBe(1)
    expect(run.requests.graph).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^Graph: acquireAccessToken returned 404 Request_ResourceNotFound: Resource '0b8e7c6d/
    )
    expect(run.errors[0]).toMatch(/request-id: [0-9a-f-]{36}\nclient-request-id: [0-9a-f-]{36}\ndate: \d{4}-/)
    expect(run.errors[0]).toContain(
      `hint: ${catalogueEntry('graph-target-is-client-id').cause}\nhint: service-principal-id takes the object ID of the target`
    )
    expect(run.outputs).toMatchObject({ status: '404', 'error-code': 'Request_ResourceNotFound', attempts: '1' })
    expect(run.outputs['request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('401 UnknownError with an empty message when the app has no Graph permission', async () => {
    sandbox().directory.apps[0].graphRoles = []
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(/^Graph: acquireAccessToken returned 401 UnknownError with an empty message/)
    expect(run.errors[0]).toContain('graph token: roles none; directory roles (wids) none;')
    expect(run.errors[0]).toMatch(
      /hint: Grant app .* Application\.ReadWrite\.OwnedBy, and only that: .*\/appRoleAssignedTo/
    )
    expect(run.outputs).toMatchObject({ status: '401', 'error-code': 'UnknownError' })
  })

  it('403 when Application.ReadWrite.OwnedBy is granted but the app does not own the target', async () => {
    sandbox().directory.objects[0].owners = []
    const run = await runAction(sandbox())
    expect(run.outputs).toMatchObject({ status: '403', 'error-code': 'Authorization_RequestDenied' })
    expect(run.errors[0]).toContain('graph token: roles Application.ReadWrite.OwnedBy;')
    expect(run.errors[0]).toMatch(/\/owners\/\$ref' --resource '[^']+' --body '\{"@odata\.id":/)
    expect(run.errors[0]).toContain('as an owner of the target or at least a Cloud Application Administrator')
  })

  it('warns when Graph announces deprecation, and still succeeds', async () => {
    sandbox().graph.party.faults.push({
      kind: 'headers',
      headers: { deprecation: 'Fri, 06 Feb 2026 00:00:00 GMT', sunset: 'Tue, 06 Jul 2027 00:00:00 GMT' }
    })
    const run = await runAction(sandbox(), { 'api-version': 'beta' })
    expect(run.exitCode).toBe(0)
    expect(run.warnings).toEqual([
      expect.stringMatching(/deprecated since 2026-02-06, to be removed on 2027-07-06.*Set `api-version: v1\.0`/),
      expect.stringMatching(/deprecated.*Sunset: Tue, 06 Jul 2027 00:00:00 GMT.*set `api-version: v1\.0`/)
    ])
  })
})
