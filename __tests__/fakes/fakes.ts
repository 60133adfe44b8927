import type { AttemptClock } from '../../src/attempts.js'
import type { HttpRequest, HttpResponse, SendHttp } from '../../src/http.js'
import { parseInputs, type ActionConfig } from '../../src/inputs.js'
import type { Runner } from '../../src/main.js'

/** A clock whose sleeps return at once and are recorded, so tests see the waits without waiting. */
export function fakeClock(random = 0.5): AttemptClock & { slept: number[] } {
  let now = Date.parse('2026-11-22T10:00:00Z')
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    }
  }
}

export type Scripted = HttpResponse | Error | ((request: HttpRequest) => HttpResponse | Error)

/** An HTTP sender that answers from a script, one entry per request, and records what it was sent. */
export function scriptedHttp(...script: Scripted[]): SendHttp & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = []
  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    requests.push(request)
    request.onSent?.()
    const next = script.shift()
    if (next === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`)
    const answer = typeof next === 'function' ? next(request) : next
    if (answer instanceof Error) throw answer
    return answer
  }
  return Object.assign(send, { requests })
}

export function response(status: number, body: unknown = '', headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

export interface RecordedRunner extends Runner {
  /** Everything printed, in order, as the runner would see it ("::add-mask::x", "::error::…", plain lines). */
  printed: string[]
  outputs: Record<string, string>
  summaries: string[]
  failed: string | undefined
  /** The title of the failure annotation. */
  failedTitle: string | undefined
  /** The outputs as they were when setFailed was called. */
  outputsWhenFailed: Record<string, string> | undefined
}

/** A Runner that records instead of printing; inputs come from a map. */
export function recordingRunner(inputs: Record<string, string>): RecordedRunner {
  const runner: RecordedRunner = {
    printed: [],
    outputs: {},
    summaries: [],
    failed: undefined,
    failedTitle: undefined,
    outputsWhenFailed: undefined,
    getInput: (name) => inputs[name] ?? '',
    setSecret: (secret) => runner.printed.push(`::add-mask::${secret}`),
    setOutput: (name, value) => {
      runner.outputs[name] = value
    },
    info: (message) => runner.printed.push(message),
    debug: (message) => runner.printed.push(`::debug::${message}`),
    warning: (message) => runner.printed.push(`::warning::${message}`),
    setFailed: (message, title) => {
      runner.failed = message
      runner.failedTitle = title
      runner.outputsWhenFailed = { ...runner.outputs }
      runner.printed.push(`::error title=${title}::${message}`)
    },
    writeSummary: async (markdown) => {
      runner.summaries.push(markdown)
    }
  }
  return runner
}

/** A compact unsigned JWT with these claims: enough for code that only decodes. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`
}

/** The sample tenant the unit tests configure the action for. */
export const SAMPLE_TENANT = '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70'

/** A valid configuration for the sample tenant, app and service principal, with `overrides` as further inputs. */
export function sampleConfig(overrides: Record<string, string> = {}): ActionConfig {
  const inputs: Record<string, string> = {
    'tenant-id': SAMPLE_TENANT,
    'client-id': '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    'service-principal-id': '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a',
    ...overrides
  }
  const parsed = parseInputs((name) => inputs[name] ?? '')
  if (!parsed.config) throw new Error(parsed.problems.join())
  return parsed.config
}
