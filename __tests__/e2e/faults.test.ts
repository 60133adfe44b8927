import { faults } from '../../sandbox/faults.js'
import { gaps, runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()
const graph = () => sandbox().graph.party
const graphTimes = (): number[] => graph().requests.map((r) => r.at)
const retryLines = (lines: string[]): string[] => lines.filter((l) => l.startsWith('Graph attempt'))
/** A SCIM app's credentials: no single-use code, so every transient failure may be retried. */
const SCIM = { credentials: 'BaseAddress=https://scim.contoso.example/scim\nSecretToken=scim-token-5e6f7a8b9c0d' }
const SCIM_SECRETS = ['scim-token-5e6f7a8b9c0d']

describe('Graph faults: retried when transient, with the waits they imply', () => {
  it('waits Retry-After seconds after a 429, then succeeds', async () => {
    graph().faults.push(faults.throttled(1))
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ status: '204', attempts: '2' })
    expect(retryLines(run.log.lines)).toEqual([
      'Graph attempt 1 of 5 failed (HTTP 429); retrying in 1.0 s (Retry-After)'
    ])
    const [gap] = gaps(graphTimes())
    expect(gap).toBeGreaterThanOrEqual(1000)
    expect(gap).toBeLessThan(1000 + 1500)
  })

  it('reads Retry-After given as an HTTP date', async () => {
    graph().faults.push(faults.throttledUntil(new Date(Date.now() + 2000)))
    const run = await runAction(sandbox())
    expect(run.outputs).toMatchObject({ status: '204', attempts: '2' })
    expect(retryLines(run.log.lines)[0]).toMatch(/retrying in [0-2]\.\d s \(Retry-After\)$/)
  })

  it.each([
    ['503 without Retry-After', faults.unavailable()],
    ['504 from a gateway', faults.gatewayTimeout()],
    ['500 with an HTML body', faults.htmlError()],
    ['a connection reset', faults.reset()]
  ])('backs off after %s (0.5–1 s for the first retry), then succeeds', async (_name, fault) => {
    graph().faults.push(fault)
    const run = await runAction(sandbox(), SCIM, {}, SCIM_SECRETS)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ status: '204', attempts: '2' })
    expect(retryLines(run.log.lines)[0]).toMatch(
      /^Graph attempt 1 of 5 failed \(.+\); retrying in (0\.[5-9]|1\.0) s \(backoff\)$/
    )
    const [gap] = gaps(graphTimes())
    expect(gap).toBeGreaterThanOrEqual(450)
    expect(gap).toBeLessThan(1000 + 1500)
  })

  it('gives up after max-attempts of throttling with the last Graph error', async () => {
    graph().faults.push(faults.throttled(0), faults.throttled(0), faults.throttled(0))
    const run = await runAction(sandbox(), { 'max-attempts': '3' })
    expect(run.exitCode).toBe(1)
    expect(run.requests.graph).toBe(3)
    expect(run.outputs).toMatchObject({ status: '429', attempts: '3', 'error-code': 'TooManyRequests' })
    expect(run.errors[0]).toMatch(/^Graph: acquireAccessToken returned 429 TooManyRequests: Too many requests\./)
    expect(run.errors[0]).toContain('hint: Graph throttled every attempt')
  })

  it('reports an HTML error body by its visible text', async () => {
    graph().faults.push(faults.htmlError())
    const run = await runAction(sandbox(), { ...SCIM, 'max-attempts': '1' }, {}, SCIM_SECRETS)
    expect(run.outputs).toMatchObject({ status: '500', attempts: '1', 'error-code': 'UnexpectedResponse' })
    expect(run.errors[0]).toContain(
      `returned HTTP 500 with a body that is not Graph's error JSON: "500 - Internal server error. There is a problem with the resource you are looking for."`
    )
    expect(run.errors[0]).not.toContain('<h1>')
  })

  it('reports an empty error body', async () => {
    graph().faults.push(faults.emptyBody(502))
    const run = await runAction(sandbox(), { ...SCIM, 'max-attempts': '1' }, {}, SCIM_SECRETS)
    expect(run.outputs).toMatchObject({ status: '502', 'error-code': 'UnexpectedResponse' })
    expect(run.errors[0]).toMatch(/returned HTTP 502 with an empty body/)
  })

  it('reports repeated connection resets as NetworkError with no status', async () => {
    graph().faults.push(faults.reset(), faults.reset())
    const run = await runAction(sandbox(), { ...SCIM, 'max-attempts': '2' }, {}, SCIM_SECRETS)
    expect(run.outputs).toMatchObject({ status: '', 'request-id': '', attempts: '2', 'error-code': 'NetworkError' })
    expect(run.errors[0]).toMatch(/^Graph: acquireAccessToken got no response: request to 127\.0\.0\.1:\d+ failed/)
  })

  it('says an answer arrived but could not be read, when its headers overflow; retried for SCIM', async () => {
    graph().faults.push(faults.oversizedHeaders(), faults.oversizedHeaders())
    const run = await runAction(sandbox(), { ...SCIM, 'max-attempts': '2' }, {}, SCIM_SECRETS)
    expect(run.outputs).toMatchObject({ status: '', attempts: '2', 'error-code': 'NetworkError' })
    expect(run.errors[0]).toMatch(/^Graph: acquireAccessToken got an answer it could not read: .*HPE_HEADER_OVERFLOW/)
    expect(run.errors[0]).toContain('troubleshooting: docs/troubleshooting.md#graph-answer-unreadable')
    expect(run.errors[0]).not.toMatch(/no response|before an answer arrived/)
  })

  it('abandons a hanging Graph after timeout-seconds per attempt', async () => {
    graph().faults.push(faults.hang(), faults.hang())
    const run = await runAction(sandbox(), { ...SCIM, 'timeout-seconds': '1', 'max-attempts': '2' }, {}, SCIM_SECRETS)
    expect(run.outputs).toMatchObject({ status: '', attempts: '2', 'error-code': 'Timeout' })
    expect(run.errors[0]).toMatch(/no response from 127\.0\.0\.1:\d+ within 1 s/)
    const [gap] = gaps(graphTimes())
    expect(gap).toBeGreaterThanOrEqual(1000 + 450)
    // Two 1 s attempts, one backoff of at most 1 s, plus start-up: bounded as documented.
    expect(run.durationMs).toBeLessThan(2000 + 1000 + 3000)
  })

  it('retries a hang once and succeeds', async () => {
    graph().faults.push(faults.hang())
    const run = await runAction(sandbox(), { ...SCIM, 'timeout-seconds': '1' }, {}, SCIM_SECRETS)
    expect(run.outputs).toMatchObject({ status: '204', attempts: '2' })
  })
})

describe('Graph faults with an authorization code: a request Graph may have processed is never sent again', () => {
  it.each([
    ['a connection reset after the request was sent', faults.reset(), ''],
    ['a 500 from a gateway', faults.htmlError(), '500'],
    ['a 502', faults.emptyBody(502), '502'],
    ['a 504', faults.gatewayTimeout(), '504'],
    ['a 503 without Retry-After', faults.unavailable(), '503']
  ])('stops after %s with OutcomeUnknown and says what was not retried', async (_name, fault, status) => {
    graph().faults.push(fault)
    const run = await runAction(sandbox())
    expect(run.requests.graph).toBe(1)
    expect(run.outputs).toMatchObject({ status, attempts: '1', 'error-code': 'OutcomeUnknown' })
    expect(retryLines(run.log.lines)).toEqual([
      expect.stringMatching(
        /^Graph attempt 1 of 5 failed \(.+\); not retried: the request was sent and may have been processed, and it carries a single-use authorization code$/
      )
    ])
    expect(run.errors[0]).toMatch(/the authorization may have succeeded\n/)
    expect(run.errors[0]).toContain('hint: Check before obtaining a new code:')
  })

  it.each([
    ['a 429 with Retry-After', faults.throttled(0)],
    ['a 503 with Retry-After', faults.unavailable(0)]
  ])('retries %s: Graph refused it unprocessed', async (_name, fault) => {
    graph().faults.push(fault)
    const run = await runAction(sandbox())
    expect(run.outputs).toMatchObject({ status: '204', attempts: '2', 'error-code': '' })
  })

  it('retries a connection refused before anything was sent', async () => {
    // A port nobody listens on: the request never reaches a server.
    const closed = await import('node:net').then(
      ({ createServer }) =>
        new Promise<number>((resolve) => {
          const server = createServer().listen(0, '127.0.0.1', () => {
            const { port } = server.address() as { port: number }
            server.close(() => resolve(port))
          })
        })
    )
    const endpoint = `https://127.0.0.1:${closed}`
    sandbox().entra.resources.add(endpoint)
    const run = await runAction(sandbox(), {
      'graph-endpoint': endpoint,
      'max-attempts': '2'
    })
    expect(run.outputs).toMatchObject({ attempts: '2', 'error-code': 'NetworkError' })
    expect(run.errors[0]).toContain('hint: The runner could not connect to the Graph host.')
  })
})
