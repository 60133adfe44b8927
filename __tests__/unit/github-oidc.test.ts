import type { ActionError } from '../../src/errors.js'
import { oidcTokenUrl, requestGitHubIdToken } from '../../src/github-oidc.js'
import type { JobContext } from '../../src/job-context.js'
import { TransportError } from '../../src/transport-error.js'
import { fakeClock, response, scriptedHttp } from '../fakes/fakes.js'

const env = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.test/x/idtoken?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req-token'
}

function request(
  send: ReturnType<typeof scriptedHttp>,
  overrides: Partial<typeof env> | Record<string, undefined> = {},
  job?: JobContext
) {
  const masked: string[] = []
  const promise = requestGitHubIdToken({
    env: { ...env, ...overrides },
    audience: 'api://AzureADTokenExchange',
    timeoutMs: 5000,
    send,
    clock: fakeClock(),
    log: () => undefined,
    mask: (secret) => masked.push(secret),
    jobContext: async () => job
  })
  return { promise, masked }
}

describe('GitHub OIDC token', () => {
  it('adds the audience to the runner URL, keeping its query', () => {
    expect(oidcTokenUrl(env.ACTIONS_ID_TOKEN_REQUEST_URL, 'api://AzureADTokenExchangeUSGov')).toBe(
      'https://pipelines.test/x/idtoken?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchangeUSGov'
    )
  })

  it('asks once with the request token and masks both tokens', async () => {
    const send = scriptedHttp(response(200, { value: 'the.jwt.value' }))
    const { promise, masked } = request(send)
    await expect(promise).resolves.toBe('the.jwt.value')
    expect(send.requests).toHaveLength(1)
    expect(send.requests[0]).toMatchObject({
      method: 'GET',
      headers: { authorization: 'Bearer req-token' },
      timeoutMs: 5000
    })
    expect(masked).toEqual(['req-token', 'the.jwt.value'])
  })

  it.each([
    ['ACTIONS_ID_TOKEN_REQUEST_URL', { ACTIONS_ID_TOKEN_REQUEST_URL: undefined }],
    ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', { ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined }]
  ])('without %s says to add id-token: write, and sends nothing', async (missing, overrides) => {
    const send = scriptedHttp()
    const { promise } = request(send, overrides)
    const error = await promise.catch((e: unknown) => e)
    expect(error).toMatchObject({ stage: 'GitHub OIDC', code: 'OidcTokenUnavailable' })
    expect((error as Error).message).toContain(missing)
    expect((error as { hints: string[] }).hints.join('\n')).toMatch(/id-token: write[\s\S]*reusable workflow/)
    expect(send.requests).toHaveLength(0)
  })

  it('names a fork pull request, not a permission, as the reason when the job context says so', async () => {
    const job = {
      eventName: 'pull_request',
      forkPullRequest: true,
      workflowRef: 'o/r/.github/workflows/ci.yml@refs/pull/7/merge'
    }
    const { promise } = request(scriptedHttp(), { ACTIONS_ID_TOKEN_REQUEST_URL: undefined }, job)
    const error = (await promise.catch((e: unknown) => e)) as ActionError
    expect(error.hints[0]).toMatch(
      /^By default GitHub gives workflows run for pull requests from forks .* no OIDC token/
    )
    expect(error.hints[0]).toMatch(/Send write tokens to workflows from pull requests.*it widens trust/)
    expect(error.hints[1]).toContain(
      '`if: ${{ !github.event.pull_request || github.event.pull_request.head.repo.full_name == github.repository }}`'
    )
    expect(error.hints.join('\n')).not.toMatch(/id-token: write/)
    expect(error.details).toContainEqual(['event', 'pull_request from a fork'])
    expect(error.details).toContainEqual(['troubleshooting', 'docs/troubleshooting.md#oidc-fork-pull-request'])
  })

  it('says so when ACTIONS_ID_TOKEN_REQUEST_URL is not a URL, and sends nothing', async () => {
    const send = scriptedHttp()
    const error = await request(send, { ACTIONS_ID_TOKEN_REQUEST_URL: 'not a url' }).promise.catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'OidcTokenUnavailable',
      message: 'ACTIONS_ID_TOKEN_REQUEST_URL is not a valid URL'
    })
    expect(send.requests).toHaveLength(0)
  })

  it('retries a 503 and then succeeds', async () => {
    const send = scriptedHttp(response(503), response(200, { value: 'jwt' }))
    await expect(request(send).promise).resolves.toBe('jwt')
    expect(send.requests).toHaveLength(2)
  })

  it.each([
    [response(401, { message: 'bad token' }), /HTTP 401: \{"message":"bad token"\}/, 'OidcTokenUnavailable'],
    [response(200, { count: 0 }), /without a token/, 'OidcTokenUnavailable'],
    [response(200, 'not json'), /without a token/, 'OidcTokenUnavailable']
  ])('fails clearly on %j', async (answer, message, code) => {
    const error = await request(scriptedHttp(answer)).promise.catch((e: unknown) => e)
    expect(error).toMatchObject({ stage: 'GitHub OIDC', code })
    expect((error as Error).message).toMatch(message)
  })

  it.each([401, 403])(
    'a %i from the offered service names the refused request token, not a missing id-token: write',
    async (status) => {
      const error = (await request(scriptedHttp(response(status))).promise.catch((e: unknown) => e)) as ActionError
      expect(error.details).toContainEqual(['troubleshooting', 'docs/troubleshooting.md#oidc-refused'])
      expect(error.hints[0]).toMatch(/only for a job granted `id-token: write`.*refused the request token/)
      expect(error.hints.slice(1)).toEqual(['Re-run the job: the runner gives each run a fresh request token.'])
    }
  )

  it('reports a timeout after its attempts', async () => {
    const slow = new TransportError('timeout', 'no response within 5 s')
    const error = await request(scriptedHttp(slow, slow, slow)).promise.catch((e: unknown) => e)
    expect(error).toMatchObject({ stage: 'GitHub OIDC', code: 'Timeout' })
  })
})
