import * as http from 'node:http'
import * as https from 'node:https'
import type { Duplex } from 'node:stream'

/**
 * HTTPS through an HTTP(S) proxy's CONNECT tunnel, pooled like a direct keep-alive agent: a freed tunnel waits for
 * the next request to the same host, so Entra's metadata and token requests pay the tunnel and TLS once. (The
 * `tunnel` agent inside @actions/http-client destroys every freed socket.)
 */
export class ProxyTunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: true })
  }

  // Node's Agent accepts a connection handed to the callback later instead of a socket returned at once.
  override createConnection(
    options: https.RequestOptions,
    callback?: (error: Error | null, socket: Duplex) => void
  ): Duplex | undefined {
    const fail = (error: Error): void => (callback as ((error: Error) => void) | undefined)?.(error)
    const target = `${options.host ?? 'localhost'}:${options.port ?? 443}`
    const proxy = this.proxy
    const auth =
      proxy.username || proxy.password
        ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
        : undefined
    const connectRequest = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
      agent: false
    })
    // While the tunnel is being opened the caller's own deadline keeps the process alive; a proxy that never
    // answers must not hold it open after the action has given up.
    connectRequest.once('socket', (socket) => socket.unref())
    connectRequest.once('connect', (response, socket, head) => {
      if (response.statusCode !== 200 || head.length > 0) {
        socket.destroy()
        fail(
          new Error(
            response.statusCode !== 200
              ? `the proxy refused the tunnel to ${target} (HTTP ${response.statusCode})`
              : `the proxy sent data before opening the tunnel to ${target}`
          )
        )
        return
      }
      socket.ref()
      // TLS to the target inside the tunnel, with the Agent's session cache and the request's server name.
      const overTunnel: https.RequestOptions & { socket: Duplex } = { ...options, socket }
      const tls = super.createConnection(overTunnel)
      if (tls) callback?.(null, tls)
    })
    connectRequest.once('error', (error) => fail(new Error(`tunnel to ${target} through the proxy: ${error.message}`)))
    connectRequest.end()
    return undefined
  }
}
