import { TransportError, type HttpRequest, type HttpResponse, type SendHttp } from './http.js'
import { isRefusedUnprocessed, isRetryableStatus, parseRetryAfter, retryWait } from './retry.js'

export interface AttemptClock {
  sleep(ms: number): Promise<void>
  now(): number
  random(): number
}

export interface AttemptsResult {
  /** The last response, when the last attempt got one. */
  response: HttpResponse | undefined
  /** Why the last attempt got no response. */
  transportError: TransportError | undefined
  attempts: number
  /**
   * The last attempt failed in a way that says nothing about whether the server processed the request: its answer
   * was lost after the request was sent, or it was a 500, 502 or 504.
   */
  outcomeUnknown: boolean
}

/**
 * Sends `request` up to `maxAttempts` times while the outcome is transient (408/429/5xx gateway statuses, network
 * errors, timeouts), waiting Retry-After or the backoff between attempts and logging each retry with its reason.
 * When the request carries a single-use credential (`singleUse`), an attempt the server may have processed is never
 * repeated: a second use would be refused and hide whether the first one succeeded. Only refusals (408, 429, 503
 * with Retry-After) and failures before the request was sent are retried then.
 */
export async function sendWithRetries(
  send: SendHttp,
  request: HttpRequest,
  maxAttempts: number,
  clock: AttemptClock,
  log: (message: string) => void,
  label: string,
  singleUse = false
): Promise<AttemptsResult> {
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
    const unprocessed = response
      ? isRefusedUnprocessed(response.status, response.headers['retry-after'])
      : transportError?.notSent === true
    const outcomeUnknown = transient && !unprocessed
    const reason = response ? `HTTP ${response.status}` : (transportError?.message ?? 'no response')
    const result = { response, transportError, attempts: attempt, outcomeUnknown }
    if (!transient || attempt >= maxAttempts) return result
    if (singleUse && outcomeUnknown) {
      log(
        `${label} attempt ${attempt} of ${maxAttempts} failed (${reason}); not retried: the request was sent and may have been processed, and it carries a single-use authorization code`
      )
      return result
    }
    const retryAfterMs = response ? parseRetryAfter(response.headers['retry-after'], clock.now()) : undefined
    const wait = retryWait(retryAfterMs, attempt, clock.random())
    log(
      `${label} attempt ${attempt} of ${maxAttempts} failed (${reason}); retrying in ${(wait.ms / 1000).toFixed(1)} s (${wait.source})`
    )
    await clock.sleep(wait.ms)
  }
}
