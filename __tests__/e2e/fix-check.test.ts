import { catalogueEntry, DOC_CONTEXT } from '../../src/catalogue.js'
import type { Sandbox } from '../../sandbox/sandbox.js'
import { DEMO_CREDENTIALS, FRESH_CODE, SCENARIOS, SCIM_CREDENTIALS } from '../../sandbox/scenarios.js'
import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()
const secrets = [
  ...`${DEMO_CREDENTIALS}\n${SCIM_CREDENTIALS}`
    .split('\n')
    .filter((line) => line.includes('=') && !line.startsWith('#'))
    .map((line) => line.slice(line.indexOf('=') + 1).trim()),
  FRESH_CODE
]

/** What the tenant trusts: no fix may widen it (a branch instead of an environment, a broader permission). */
function trust(world: Sandbox) {
  const app = world.directory.apps[0]
  return {
    environmentScoped: app.federatedCredentials.every((credential) => /:environment:/.test(credential.subject)),
    broaderPermission: app.graphRoles.includes('Synchronization.ReadWrite.All')
  }
}

const diagnosed = Object.entries(SCENARIOS).filter(([, scenario]) => scenario.diagnosis !== undefined)

describe('fix-check: the fix the action prints, applied, reaches 204 without widening trust', () => {
  it.each(diagnosed)('%s', async (_name, scenario) => {
    const id = scenario.diagnosis!
    const setup = scenario.arrange(sandbox())
    const first = await runAction(
      sandbox(),
      { credentials: DEMO_CREDENTIALS, ...setup.inputs },
      setup.env ?? {},
      secrets
    )
    expect(first.outputs['error-code']).toBe(scenario.expectedErrorCode)
    const printed = [...first.errors, ...first.warnings].join('\n')
    if (scenario.attempts !== undefined) expect(first.outputs.attempts).toBe(String(scenario.attempts))
    if (scenario.expectedErrorCode) {
      expect(first.errors[0]).toMatch(new RegExp(`\\ntroubleshooting: [^\\n]*docs/troubleshooting\\.md#${id}(,|\\n|$)`))
      // The cause the evidence shows comes first, before anything the evidence does not carry.
      expect(first.errors[0]).toMatch(/\nhint: (.*)/)
      expect(/\nhint: (.*)/.exec(first.errors[0])![1]).toBe(catalogueEntry(id).cause)
    } else {
      expect(printed).toContain(catalogueEntry(id).fixes(DOC_CONTEXT)[0])
    }

    const fixed = await scenario.fix!(sandbox(), printed, setup)
    if (fixed.authorized) {
      // The printed check showed provisioning authorized: the target holds what the first run sent; nothing to redo.
      expect(sandbox().directory.objects[0].received).toHaveLength(1)
      expect(trust(sandbox())).toEqual({ environmentScoped: true, broaderPermission: false })
      return
    }
    const second = await runAction(
      sandbox(),
      { credentials: DEMO_CREDENTIALS, ...fixed.inputs },
      fixed.env ?? {},
      secrets
    )
    expect(second.errors).toEqual([])
    expect(second.outputs.status).toBe('204')
    // A deliberately chosen audience keeps its reminder; nothing else may still warn.
    const deliberate = fixed.inputs?.audience ? catalogueEntry('audience-not-cloud-default').cause : undefined
    expect(second.warnings.filter((warning) => !deliberate || !warning.startsWith(deliberate))).toEqual([])
    expect(trust(sandbox())).toEqual({ environmentScoped: true, broaderPermission: false })
  })

  it('covers every scenario that fails or warns', () => {
    const undiagnosed = Object.entries(SCENARIOS).filter(
      ([name, scenario]) => scenario.diagnosis === undefined && !['success', 'throttled'].includes(name)
    )
    expect(undiagnosed.map(([name]) => name)).toEqual([])
    for (const [, scenario] of diagnosed) expect(scenario.fix).toBeDefined()
  })
})
