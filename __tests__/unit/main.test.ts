import fc from 'fast-check'
import { isIndistinct } from '../../src/credential-masking.js'
import { run, type Dependencies } from '../../src/main.js'
import { VALUE_CLASSES } from '../../src/synchronization-secret.js'
import { TransportError } from '../../src/transport-error.js'
import { fakeClock, fakeJwt, recordingRunner, response, scriptedHttp, type Scripted } from '../fakes/fakes.js'

const SECRET_VALUE = 'oauth-code-9f8e7d6c5b4a'
const MULTILINE = 'first-secret-line\nsecond-secret-line'
const ID_TOKEN = fakeJwt({
  iss: 'https://token.actions.githubusercontent.com',
  sub: 'repo:contoso/release-tools:environment:production',
  aud: 'api://AzureADTokenExchange'
})
const ACCESS_TOKEN = 'eyJ0eXAi.access-token-from-entra.sig'
const REQUEST_TOKEN = 'runner-request-token-1234'

const inputs = {
  'tenant-id': '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70',
  'client-id': '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  'service-principal-id': '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a',
  credentials: JSON.stringify([
    { key: 'Oauth2AuthorizationCode', value: SECRET_VALUE },
    { key: 'SecretToken', value: MULTILINE }
  ])
}
const SECRETS = [SECRET_VALUE, 'first-secret-line', 'second-secret-line', ID_TOKEN, ACCESS_TOKEN, REQUEST_TOKEN]

function setup(
  options: {
    inputs?: Record<string, string>
    graph?: Scripted[]
    entra?: (token: string) => Promise<string>
    env?: Record<string, string | undefined>
  } = {}
) {
  const runner = recordingRunner({ ...inputs, ...options.inputs })
  const http = scriptedHttp(
    response(200, { value: ID_TOKEN }),
    ...(options.graph ?? [response(204, '', { 'request-id': '00000000-0000-4000-8000-0000000000a1' })])
  )
  const entraCalls: string[] = []
  const prepared: boolean[] = []
  const contextReads: boolean[] = []
  const clock = fakeClock()
  const deps: Dependencies = {
    runner,
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.test/idtoken?api-version=2.0',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
      ...options.env
    },
    sendHttp: http,
    getEntraToken: async (_request, token) => {
      entraCalls.push(token)
      return options.entra ? options.entra(token) : ACCESS_TOKEN
    },
    prepareEntra: () => prepared.push(true),
    jobContext: async () => {
      contextReads.push(true)
      return {
        eventName: 'push',
        forkPullRequest: false,
        workflowRef: 'contoso/app/.github/workflows/release.yml@refs/heads/main'
      }
    },
    clock,
    newClientRequestId: () => '11111111-2222-4333-8444-555555555555',
    userAgent: 'test/1'
  }
  return { runner, http, entraCalls, prepared, contextReads, clock, deps }
}

/** Mirrors the runner: a secret must be registered before the first line that could show it. */
function expectNoLeaks(printed: string[], outputs: Record<string, string>, summaries: string[]): void {
  const masks: string[] = []
  for (const line of printed) {
    if (line.startsWith('::add-mask::')) {
      masks.push(line.slice('::add-mask::'.length))
      continue
    }
    const shown = masks.reduce((out, mask) => out.split(mask).join('***'), line)
    for (const secret of SECRETS) expect(shown).not.toContain(secret)
  }
  for (const text of [...Object.values(outputs), ...summaries]) {
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  }
}

describe('run', () => {
  it('never reads the job context (and so never loads @actions/github) on success', async () => {
    const { runner, contextReads, deps } = setup()
    await run(deps)
    expect(runner.failed).toBeUndefined()
    expect(contextReads).toEqual([])
  })

  it('adds the job’s event and workflow ref to an Entra failure', async () => {
    const { runner, contextReads, deps } = setup({
      entra: async () => {
        throw new Error('AADSTS700213: No matching federated identity record found for presented assertion subject.')
      }
    })
    await run(deps)
    expect(contextReads).toEqual([true])
    expect(runner.failed).toContain('\nevent: push\n')
    expect(runner.failed).toContain('\nworkflow ref: contoso/app/.github/workflows/release.yml@refs/heads/main\n')
  })

  it('warns on api-version beta before sending anything, and on an audience other than the cloud’s', async () => {
    const { runner, deps } = setup({ inputs: { 'api-version': 'beta', audience: 'api://Custom' } })
    await run(deps)
    const warnings = runner.printed.filter((line) => line.startsWith('::warning::'))
    expect(warnings).toEqual([
      expect.stringMatching(/deprecated since 2026-02-06, to be removed on 2027-07-06.*Set `api-version: v1\.0`/),
      expect.stringMatching(/neither this cloud’s default nor api:\/\/AzureADTokenExchange.*exactly api:\/\/Custom/)
    ])
    expect(runner.printed.indexOf(warnings[0])).toBeLessThan(runner.printed.findIndex((l) => l.startsWith('POST ')))
  })

  it('does the four steps and reports success', async () => {
    const { runner, http, entraCalls, deps } = setup()
    await run(deps)
    expect(runner.failed).toBeUndefined()
    expect(entraCalls).toEqual([ID_TOKEN])
    expect(http.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://oidc.test/idtoken?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange',
      'POST https://graph.microsoft.com/v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/acquireAccessToken'
    ])
    expect(http.requests[1].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`)
    expect(runner.outputs).toEqual({
      status: '204',
      'request-id': '00000000-0000-4000-8000-0000000000a1',
      'client-request-id': '11111111-2222-4333-8444-555555555555',
      endpoint:
        'https://graph.microsoft.com/v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/acquireAccessToken',
      attempts: '1',
      'error-code': '',
      'error-message': '',
      jobs: ''
    })
    expect(runner.summaries[0]).toContain('✅ 204')
    expectNoLeaks(runner.printed, runner.outputs, runner.summaries)
  })

  it('masks every credential value, line by line, before printing anything', async () => {
    const { runner, deps } = setup()
    await run(deps)
    const firstPlain = runner.printed.findIndex((line) => !line.startsWith('::add-mask::'))
    const masksBefore = runner.printed.slice(0, firstPlain)
    expect(masksBefore).toEqual(
      expect.arrayContaining([
        `::add-mask::${SECRET_VALUE}`,
        `::add-mask::${MULTILINE}`,
        '::add-mask::first-secret-line',
        '::add-mask::second-secret-line'
      ])
    )
  })

  it('masks the request token, the OIDC token and the access token as soon as it has them', async () => {
    const { runner, deps } = setup()
    await run(deps)
    for (const secret of [REQUEST_TOKEN, ID_TOKEN, ACCESS_TOKEN])
      expect(runner.printed).toContain(`::add-mask::${secret}`)
    expect(runner.printed.indexOf(`::add-mask::${ACCESS_TOKEN}`)).toBeLessThan(
      runner.printed.findIndex((l) => l.startsWith('POST '))
    )
  })

  it('starts loading the Entra SDK once the OIDC request has gone out, not before', async () => {
    const { prepared, http, deps } = setup()
    const preparedBeforeSending: number[] = []
    deps.sendHttp = Object.assign(
      async (request: Parameters<typeof http>[0]) => {
        preparedBeforeSending.push(prepared.length)
        return http(request)
      },
      { requests: http.requests }
    )
    await run(deps)
    expect(preparedBeforeSending[0]).toBe(0)
    expect(prepared).toEqual([true])
  })

  it('fails bad input before any request, with one error naming the inputs', async () => {
    const { runner, http, entraCalls, prepared, deps } = setup({
      inputs: { 'client-id': 'nope', cloud: 'moon', credentials: `Passwrd=${SECRET_VALUE}` }
    })
    await run(deps)
    expect(http.requests).toHaveLength(0)
    expect(entraCalls).toHaveLength(0)
    expect(prepared).toEqual([])
    expect(runner.printed.filter((l) => l.startsWith('::error '))).toHaveLength(1)
    expect(runner.failedTitle).toBe('inputs: InvalidInput')
    expect(runner.failed).toMatch(
      /^inputs: invalid input; nothing was sent anywhere\.\n- client-id must be a GUID.*\n- credentials line 1: unknown key Passwrd.*did you mean Password\?\n- cloud must be one of/s
    )
    expect(runner.failed).not.toMatch(/\n\s+at /)
    expect(runner.outputs).toMatchObject({
      'error-code': 'InvalidInput',
      status: '',
      'request-id': '',
      attempts: '0',
      endpoint: ''
    })
    expectNoLeaks(runner.printed, runner.outputs, runner.summaries)
  })

  it('in dry-run reads the jobs with a GET, never POSTs, and reports each check', async () => {
    const graphToken = fakeJwt({
      aud: 'https://graph.microsoft.com',
      tid: inputs['tenant-id'],
      roles: ['Application.ReadWrite.OwnedBy']
    })
    const { runner, http, entraCalls, deps } = setup({
      inputs: { 'dry-run': 'true' },
      entra: async () => graphToken,
      graph: [
        response(
          200,
          { value: [{ id: 'app.1', templateId: 'app', status: { code: 'Active' } }] },
          { 'request-id': 'b5f1e0c2-0000-4000-8000-000000000001' }
        )
      ]
    })
    await run(deps)
    expect(runner.failed).toBeUndefined()
    expect(entraCalls).toHaveLength(1)
    expect(http.requests.map((r) => r.method)).toEqual(['GET', 'GET'])
    expect(http.requests[1].url).toBe(
      'https://graph.microsoft.com/v1.0/servicePrincipals/3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a/synchronization/jobs'
    )
    expect(http.requests[1].body).toBeUndefined()
    // The jobs GET's answer, so a support ticket can quote it.
    expect(runner.outputs).toMatchObject({
      status: '200',
      'request-id': 'b5f1e0c2-0000-4000-8000-000000000001',
      attempts: '1',
      endpoint: expect.stringContaining('/synchronization/acquireAccessToken'),
      jobs: JSON.stringify([
        {
          id: 'app.1',
          templateId: 'app',
          status: 'Active',
          quarantine: null,
          lastExecution: null,
          lastSuccessfulExecution: null,
          troubleshootingUrl: null
        }
      ])
    })
    expect(runner.printed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^✓ passed: Token audience: /),
        expect.stringMatching(/^✓ passed: Token tenant: /),
        expect.stringMatching(
          /^✓ passed: Graph permission: Application.ReadWrite.OwnedBy allows acquireAccessToken on targets the app owns/
        ),
        expect.stringMatching(/^– not verifiable: Ownership of the target: the token names no caller object id/),
        expect.stringMatching(/^✓ passed: Read provisioning jobs: Graph answered 200 with 1 job:/),
        expect.stringMatching(/^– not verifiable: Credentials: only acquireAccessToken reads/)
      ])
    )
    expect(runner.summaries[0]).toContain('#### Rehearsal (dry-run): nothing was written')
  })

  it('in dry-run fails on a failed check, after running the others, still without a POST', async () => {
    const graphToken = fakeJwt({ aud: 'https://graph.microsoft.com', tid: inputs['tenant-id'], roles: [] })
    const { runner, http, deps } = setup({
      inputs: { 'dry-run': 'true' },
      entra: async () => graphToken,
      graph: [response(401, { error: { code: 'UnknownError', message: '' } })]
    })
    await run(deps)
    expect(http.requests.map((r) => r.method)).toEqual(['GET', 'GET'])
    expect(runner.failed).toMatch(
      /^Graph: dry-run check "Graph permission" failed: the token’s roles hold neither Application\.ReadWrite\.OwnedBy nor/
    )
    expect(runner.failed).toContain('(also failed: "Read provisioning jobs")')
    expect(runner.outputs['error-code']).toBe('MissingGraphPermission')
  })

  it('in dry-run lists the checks Entra’s refusal left unverifiable', async () => {
    const { runner, http, deps } = setup({
      inputs: { 'dry-run': 'true' },
      entra: async () => {
        throw new Error('AADSTS700213: No matching federated identity record found')
      }
    })
    await run(deps)
    expect(http.requests).toHaveLength(1)
    expect(runner.printed).toEqual(
      expect.arrayContaining([
        '✓ passed: GitHub OIDC token: GitHub issued the job’s OIDC token',
        expect.stringMatching(/^✗ failed: Entra token \(federated credential\): .*AADSTS700213/),
        '– not verifiable: Read provisioning jobs: needs the Graph token, which Entra did not give'
      ])
    )
    expect(runner.summaries[0]).toMatch(/\| Entra token \(federated credential\) \| ❌ failed \|/)
  })

  it('retries throttling and reports the attempts', async () => {
    const { runner, clock, deps } = setup({
      graph: [
        response(429, '', { 'retry-after': '2' }),
        response(503, '', { 'retry-after': '1' }),
        response(204, '', { 'request-id': '00000000-0000-4000-8000-0000000000a3' })
      ]
    })
    await run(deps)
    expect(runner.failed).toBeUndefined()
    expect(clock.slept).toEqual([2000, 1000])
    expect(runner.outputs).toMatchObject({
      status: '204',
      attempts: '3',
      'request-id': '00000000-0000-4000-8000-0000000000a3'
    })
    expect(runner.printed).toContain('Graph attempt 1 of 5 failed (HTTP 429); retrying in 2.0 s (Retry-After)')
  })

  it('fails with the Graph error and sets every output first', async () => {
    const body = {
      error: {
        code: 'Request_ResourceNotFound',
        message: 'Resource does not exist',
        innerError: { 'request-id': '00000000-0000-4000-8000-000000000404', date: '2026-11-22T10:00:00' }
      }
    }
    const { runner, deps } = setup({
      graph: [response(404, body, { 'request-id': '00000000-0000-4000-8000-000000000404' })]
    })
    await run(deps)
    expect(runner.failed).toMatch(
      /^Graph: acquireAccessToken returned 404 Request_ResourceNotFound: Resource does not exist\nerror-code: Request_ResourceNotFound\n/
    )
    expect(runner.failed).toContain('request-id: 00000000-0000-4000-8000-000000000404')
    expect(runner.failed).toContain('client-request-id: 11111111-2222-4333-8444-555555555555')
    expect(runner.failed).toContain('date: 2026-11-22T10:00:00')
    expect(runner.outputs).toMatchObject({
      status: '404',
      'request-id': '00000000-0000-4000-8000-000000000404',
      attempts: '1',
      'error-code': 'Request_ResourceNotFound'
    })
    expect(runner.outputs['error-message']).toBe(runner.failed)
    expect(runner.outputsWhenFailed).toEqual(runner.outputs)
    expect(runner.summaries).toHaveLength(1)
  })

  it('reports exhausted retries of a hanging Graph as Timeout with no status when no code is sent', async () => {
    const slow = (): Error => new TransportError('timeout', 'no response from graph within 1 s')
    const { runner, deps } = setup({
      inputs: { 'max-attempts': '2', credentials: 'SecretToken=scim-token' },
      graph: [slow(), slow()]
    })
    await run(deps)
    expect(runner.outputs).toMatchObject({ status: '', 'request-id': '', attempts: '2', 'error-code': 'Timeout' })
  })

  it('does not resend a code after a hang: OutcomeUnknown after one attempt, and the log says why', async () => {
    const slow = (): Error => new TransportError('timeout', 'no response from graph within 1 s')
    const { runner, deps } = setup({ inputs: { 'max-attempts': '2' }, graph: [slow(), slow()] })
    await run(deps)
    expect(runner.outputs).toMatchObject({ status: '', attempts: '1', 'error-code': 'OutcomeUnknown' })
    expect(runner.printed).toContain(
      'Graph attempt 1 of 2 failed (no response from graph within 1 s); not retried: the request was sent and may have been processed, and it carries a single-use authorization code'
    )
  })

  it('warns when Graph sends Deprecation and Sunset headers', async () => {
    const { runner, deps } = setup({
      graph: [response(204, '', { deprecation: 'true', sunset: 'Tue, 06 Jul 2027 00:00:00 GMT' })]
    })
    await run(deps)
    expect(runner.printed.filter((l) => l.startsWith('::warning::'))).toEqual([
      expect.stringMatching(/Sunset: Tue, 06 Jul 2027/)
    ])
  })

  it('turns an Entra failure into its AADSTS code with the presented claims', async () => {
    const entra = async (): Promise<string> => {
      throw Object.assign(
        new Error('invalid_client: AADSTS70021: No matching federated identity record found for presented assertion.'),
        { name: 'AuthenticationRequiredError' }
      )
    }
    const { runner, deps } = setup({ entra, graph: [] })
    await run(deps)
    expect(runner.outputs['error-code']).toBe('AADSTS70021')
    expect(runner.outputs.status).toBe('')
    expect(runner.failed).toMatch(/^Entra: /)
    expect(runner.failed).toContain('subject "repo:contoso/release-tools:environment:production"')
    expectNoLeaks(runner.printed, runner.outputs, runner.summaries)
  })

  it('with report-jobs, turns a listing that throws into a warning; the authorization still succeeds', async () => {
    const { runner, deps } = setup({
      inputs: { 'report-jobs': 'true' },
      graph: [
        response(204, '', { 'request-id': '00000000-0000-4000-8000-0000000000a1' }),
        () => new Error('socket hang up in a library')
      ]
    })
    await run(deps)
    expect(runner.failed).toBeUndefined()
    expect(runner.printed).toContain(
      '::warning::Provisioning jobs not listed (socket hang up in a library); the authorization itself succeeded.'
    )
    expect(runner.outputs).toMatchObject({ status: '204', jobs: '' })
  })

  it('scrubs a secret that an error message echoes from outputs and summary', async () => {
    const body = { error: { code: 'BadRequest', message: `value ${SECRET_VALUE} rejected` } }
    const { runner, deps } = setup({ graph: [response(400, body)] })
    await run(deps)
    expect(runner.outputs['error-message']).toContain('value *** rejected')
    expectNoLeaks(runner.printed, runner.outputs, runner.summaries)
  })

  it('writes everything through the guard: a claim cannot start a line of its own, Entra’s log lines arrive', async () => {
    const hostile = fakeJwt({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:contoso/x:ref:refs/heads/main\n::error title=Forged::pwned\r##[warning]legacy',
      aud: 'api://AzureADTokenExchange'
    })
    const { runner, deps } = setup()
    deps.sendHttp = scriptedHttp(
      response(200, { value: hostile }),
      response(204, '', { 'request-id': '00000000-0000-4000-8000-0000000000a1' })
    )
    deps.getEntraToken = async (_request, _token, log) => {
      log('Entra answered HTTP 429 asking to wait 3600.0 s; the action waits at most 60 s')
      return ACCESS_TOKEN
    }
    await run(deps)
    expect(runner.failed).toBeUndefined()
    const lines = runner.printed.flatMap((entry) => entry.split(/\r\n|\r|\n/))
    expect(lines.filter((line) => /^\s*::(?!add-mask::|debug::)|##\[/.test(line))).toEqual([])
    expect(runner.printed).toContain(
      'GitHub OIDC token received (subject "repo:contoso/x:ref:refs/heads/main\\n::error title=Forged::pwned\\n##\\[warning]legacy", audience "api://AzureADTokenExchange")'
    )
    expect(runner.printed).toContain('Entra answered HTTP 429 asking to wait 3600.0 s; the action waits at most 60 s')
  })

  it('still ends with its result when the outputs cannot be written', async () => {
    const { runner, deps } = setup({
      graph: [response(404, { error: { code: 'Request_ResourceNotFound', message: 'x' } })]
    })
    runner.setOutput = () => {
      throw new Error('Missing file at path: /runner/output')
    }
    await run(deps)
    expect(runner.printed).toContain('::warning::outputs not written: Missing file at path: /runner/output')
    expect(runner.failed).toMatch(/^Graph: /)
  })

  it('keeps going when the summary cannot be written', async () => {
    const { runner, deps } = setup()
    runner.writeSummary = async () => {
      throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY')
    }
    await run(deps)
    expect(runner.failed).toBeUndefined()
    expect(runner.printed).toContain(
      '::debug::job summary not written: Unable to find environment variable for $GITHUB_STEP_SUMMARY'
    )
  })

  it('reports an unexpected throw with the stage it happened in, without a stack', async () => {
    const { runner, deps } = setup()
    deps.getEntraToken = async () => {
      throw new RangeError('something odd')
    }
    await run(deps)
    expect(runner.failed).toMatch(
      /^Entra: could not exchange the GitHub OIDC token for a Microsoft Graph token: something odd\nerror-code: UnexpectedResponse/
    )
    expect(runner.failed).not.toContain('    at ')
  })
})

describe('run, for any secret-key value', () => {
  const secretKeys = VALUE_CLASSES.filter((c) => c.kind === 'secret').flatMap((c) => c.keys)
  /** Encodings a server may echo a value in (written here, not taken from src/masking.ts). */
  const ECHOES: Record<string, (value: string) => string> = {
    raw: (v) => v,
    'JSON-escaped': (v) => JSON.stringify(v).slice(1, -1),
    'URL-encoded': (v) => encodeURIComponent(v),
    base64: (v) => Buffer.from(v).toString('base64')
  }
  /** The outputs the action makes itself: a count, a status, its own UUID, its URL; checked for their shape instead. */
  const OWN = ['attempts', 'status', 'client-request-id', 'endpoint']
  // Values as users keep them, short ones included: one line, no `*` (what masking writes).
  const value = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
    .filter((v) => v.trim() === v && v !== '' && !/[*\r\n\u0085\u2028\u2029]/.test(v))
  // Short or common values are scrubbed where they stand alone, as themselves or JSON-escaped (src/masking.ts).
  const distinctive = value.filter((v) => !isIndistinct(v))
  const indistinct = value.filter((v) => isIndistinct(v) && /^[A-Za-z0-9]/.test(v) && /[A-Za-z0-9]$/.test(v))

  it('no echo of a distinctive one, in any encoding, is visible in the log (as the runner masks it), an output or the summary', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...secretKeys),
        distinctive,
        fc.constantFrom(...Object.keys(ECHOES)),
        async (key, secret, encoding) => {
          const echo = ECHOES[encoding](secret)
          const body = {
            error: { code: 'BadRequest', message: `credential ${echo} was refused`, innerError: { 'request-id': echo } }
          }
          const { runner, deps } = setup({
            inputs: { credentials: JSON.stringify([{ key, value: secret }]) },
            graph: [response(400, body, { 'request-id': `r-${echo}` })]
          })
          await run(deps)
          const masks: string[] = []
          const shown: string[] = []
          for (const entry of runner.printed) {
            if (entry.startsWith('::add-mask::')) masks.push(entry.slice('::add-mask::'.length))
            else
              for (const line of entry.replace(/^::(debug|warning|error)::/, '').split('\n'))
                shown.push(
                  [...masks].sort((a, b) => b.length - a.length).reduce((out, m) => out.split(m).join('***'), line)
                )
          }
          const untrustedOutputs = Object.entries(runner.outputs).filter(([name]) => !OWN.includes(name))
          for (const form of Object.values(ECHOES).map((spell) => spell(secret)))
            for (const text of [...shown, ...untrustedOutputs.map(([, v]) => v), ...runner.summaries])
              expect(text).not.toContain(form)
          expect(runner.outputs).toMatchObject({ attempts: '1', status: '400' })
        }
      ),
      { numRuns: 60 }
    )
  })

  it('a short or common one, echoed where it stands alone, is visible in no output or summary, and ids stay whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...secretKeys), indistinct, async (key, secret) => {
        const requestId = '6c5b4a39-2817-4f6e-8d5c-4b3a29180f7e'
        const body = { error: { code: 'BadRequest', message: `credential ${secret} was refused (${secret}).` } }
        const { runner, deps } = setup({
          inputs: { credentials: JSON.stringify([{ key, value: secret }]) },
          graph: [response(400, body, { 'request-id': requestId })]
        })
        await run(deps)
        const alone = new RegExp(`(?<![A-Za-z0-9_-])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_-])`)
        const untrustedOutputs = Object.entries(runner.outputs).filter(([name]) => !OWN.includes(name))
        for (const text of [...untrustedOutputs.map(([, v]) => v), ...runner.summaries]) expect(text).not.toMatch(alone)
        expect(runner.outputs['request-id']).toBe(requestId)
      }),
      { numRuns: 60 }
    )
  })
})
