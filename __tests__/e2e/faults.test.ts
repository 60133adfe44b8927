import { faults } from '../../sandbox/faults.js'
import { gaps, runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()
const graph = () => sandbox().graph.party
const graphTimes = (): number[] => graph().requests.map((r) => r.at)
const retryLines = (lines: string[]): string[] => lines.filter((l) => l.startsWith('Graph attempt'))

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
    const run = await runAction(sandbox())
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
    const run = await runAction(sandbox(), { 'max-attempts': '1' })
    expect(run.outputs).toMatchObject({ status: '500', attempts: '1', 'error-code': 'UnexpectedResponse' })
    expect(run.errors[0]).toContain(
      `returned HTTP 500 with a body that is not Graph's error JSON: "500 - Internal server error. There is a problem with the resource you are looking for."`
    )
    expect(run.errors[0]).not.toContain('<h1>')
  })

  it('reports an empty error body', async () => {
    graph().faults.push(faults.emptyBody(502))
    const run = await runAction(sandbox(), { 'max-attempts': '1' })
    expect(run.outputs).toMatchObject({ status: '502', 'error-code': 'UnexpectedResponse' })
    expect(run.errors[0]).toMatch(/returned HTTP 502 with an empty body/)
  })

  it('reports repeated connection resets as NetworkError with no status', async () => {
    graph().faults.push(faults.reset(), faults.reset())
    const run = await runAction(sandbox(), { 'max-attempts': '2' })
    expect(run.outputs).toMatchObject({ status: '', 'request-id': '', attempts: '2', 'error-code': 'NetworkError' })
    expect(run.errors[0]).toMatch(/^Graph: acquireAccessToken got no response: request to 127\.0\.0\.1:\d+ failed/)
  })

  it('abandons a hanging Graph after timeout-seconds per attempt', async () => {
    graph().faults.push(faults.hang(), faults.hang())
    const run = await runAction(sandbox(), { 'timeout-seconds': '1', 'max-attempts': '2' })
    expect(run.outputs).toMatchObject({ status: '', attempts: '2', 'error-code': 'Timeout' })
    expect(run.errors[0]).toMatch(/no response from 127\.0\.0\.1:\d+ within 1 s/)
    const [gap] = gaps(graphTimes())
    expect(gap).toBeGreaterThanOrEqual(1000 + 450)
    // Two 1 s attempts, one backoff of at most 1 s, plus start-up: bounded as documented.
    expect(run.durationMs).toBeLessThan(2000 + 1000 + 3000)
  })

  it('retries a hang once and succeeds', async () => {
    graph().faults.push(faults.hang())
    const run = await runAction(sandbox(), { 'timeout-seconds': '1' })
    expect(run.outputs).toMatchObject({ status: '204', attempts: '2' })
  })
})
