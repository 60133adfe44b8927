import { catalogueEntry, hintContext, hintsFor } from '../../src/catalogue.js'
import { parseInputs, type ActionConfig } from '../../src/inputs.js'
import { entraCatalogueId } from '../../src/entra-error.js'
import { configWarnings } from '../../src/warnings.js'

const TENANT = '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70'

function config(overrides: Record<string, string> = {}): ActionConfig {
  const inputs: Record<string, string> = {
    'tenant-id': TENANT,
    'client-id': '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    'service-principal-id': '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a',
    ...overrides
  }
  return parseInputs((name) => inputs[name] ?? '').config!
}

describe('audience hints: a federated credential holds exactly one audience', () => {
  it.each([
    [
      'global, another cloud’s audience asked',
      { audience: 'api://AzureADTokenExchangeUSGov' },
      'api://AzureADTokenExchangeUSGov'
    ],
    ['us-gov, its default asked', { cloud: 'us-gov' }, 'api://AzureADTokenExchangeUSGov']
  ])(
    '%s: offers setting the audience or changing the credential’s one audience, never adding one',
    (_n, inputs, asked) => {
      const hints = hintsFor('entra-no-matching-credential', hintContext(config(inputs), { audience: asked }))
      const text = hints.join('\n')
      expect(text).not.toMatch(/add \S+ to the credential’s audiences/)
      expect(text).toContain(
        `or change the credential’s audience to ${asked} (a credential holds exactly one audience)`
      )
      expect(text).not.toMatch(/CLI|Terraform/)
    }
  )

  it('names the national portal’s audience only in a national cloud', () => {
    const national = hintsFor('entra-no-matching-credential', hintContext(config({ cloud: 'china' }))).join('\n')
    expect(national).toContain('may hold that cloud’s audience (api://AzureADTokenExchangeChina)')
    expect(national).toContain('set `audience: api://AzureADTokenExchange`')
  })

  it.each([
    ['no audience input', {}, false],
    [
      'api://AzureADTokenExchange in us-gov (a documented value)',
      { cloud: 'us-gov', audience: 'api://AzureADTokenExchange' },
      false
    ],
    [
      'the cloud’s own default given explicitly',
      { cloud: 'china', audience: 'api://AzureADTokenExchangeChina' },
      false
    ],
    ['another cloud’s audience', { audience: 'api://AzureADTokenExchangeUSGov' }, true],
    ['a custom audience', { audience: 'api://Custom' }, true]
  ])('warns about the audience input only when it is unusual: %s', (_n, inputs, warns) => {
    const cause = catalogueEntry('audience-not-cloud-default').cause
    expect(configWarnings(config(inputs)).some((warning) => warning.startsWith(cause))).toBe(warns)
  })
})

describe('a GitHub token outside its valid time range (AADSTS700024, AADSTS500133)', () => {
  it.each(['AADSTS700024', 'AADSTS500133'])(
    '%s names the time between fetch and exchange, not the runner clock',
    (code) => {
      const id = entraCatalogueId(code, undefined)
      expect(id).toBe('entra-assertion-time')
      const [cause, ...fixes] = hintsFor(id!, hintContext(config()))
      expect(cause).toContain('Entra found the GitHub token outside its valid time range')
      expect(cause).toContain('The runner’s clock plays no part')
      expect(fixes[0]).toMatch(/^Re-run the job/)
      expect(fixes.join(' ')).not.toMatch(/synchronise|NTP/)
    }
  )
})
