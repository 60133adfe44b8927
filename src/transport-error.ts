/** A request that got no response: `timeout` when its deadline passed, `network` for anything else. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
    /**
     * True only when the request was certainly not fully written (refused connection, DNS, TLS, proxy tunnel): nothing
     * reached the server. False means it may have been received and processed, the safe assumption when unknown.
     */
    readonly notSent = false,
    /**
     * True when an answer arrived but Node's HTTP parser could not read it (an `HPE_…` error: headers over its size
     * limit, a malformed status line): something answered, and what it said is unknown.
     */
    readonly answerUnreadable = false
  ) {
    super(message)
    this.name = 'TransportError'
  }
}
