/** A request that got no response: `timeout` when its deadline passed, `network` for anything else. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string
  ) {
    super(message)
    this.name = 'TransportError'
  }
}
