import { TransportError, type HttpRequest, type HttpResponse, type SendHttp } from './http.js'
import { isRetryableStatus, parseRetryAfter, retryWait } from './retry.js'

export interface AttemptClock {
  sleep(ms: number): Promise<void>
  now(): number
  random(): number
}

/** What one attempt came to: an HTTP status, or no answer at all. */
export type AttemptOutcome = { status: number } | { noAnswer: 'timeout' | 'network' }

export interface AttemptsResult {
  /** The last response, when the last attempt got one. */
  response: HttpResponse | undefined
  /** Why the last attempt got no response. */
  transportError: TransportError | undefined
  attempts: number
  /** What each attempt before the last came to, in order. */
  earlier: AttemptOutcome[]
}

/**
 * Sends `request` up to `maxAttempts` times while the outcome is transient (408/429/5xx gateway statuses, network
 * errors, timeouts), waiting Retry-After or the backoff between attempts and logging each retry with its reason.
 */
export async function sendWithRetries(
  send: SendHttp,
  request: HttpRequest,
  maxAttempts: number,
  clock: AttemptClock,
  log: (message: string) => void,
  label: string
): Promise<AttemptsResult> {
  const earlier: AttemptOutcome[] = []
  for (let attempt = 1; ; attempt++) {
    let response: HttpResponse | undefined
    let transportError: TransportError | undefined
    try {
      response = await send(request)
    } catch (error) {
      if (!(error instanceof TransportError)) throw error
      transportError = error
    }
    const transient = response ? isRetryableStatus(response.status) : true
    if (!transient || attempt >= maxAttempts) return { response, transportError, attempts: attempt, earlier }
    earlier.push(response ? { status: response.status } : { noAnswer: transportError?.kind ?? 'network' })
    const retryAfterMs = response ? parseRetryAfter(response.headers['retry-after'], clock.now()) : undefined
    const wait = retryWait(retryAfterMs, attempt, clock.random())
    const reason = response ? `HTTP ${response.status}` : (transportError?.message ?? 'no response')
    log(
      `${label} attempt ${attempt} of ${maxAttempts} failed (${reason}); retrying in ${(wait.ms / 1000).toFixed(1)} s (${wait.source})`
    )
    await clock.sleep(wait.ms)
  }
}
