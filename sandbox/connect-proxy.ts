import { createServer } from 'node:http'
import { connect, type Socket } from 'node:net'
import { LoopbackServer } from './loopback-server.js'

/** Where the proxy sends a tunnel to a name: the address, and the port when it differs from the one asked for. */
export interface Upstream {
  address: string
  /** Replaces the requested port: a cloud's real name is asked for on 443, its sandbox party listens elsewhere. */
  port?: number
}

export interface ConnectProxyOptions {
  /**
   * Round-trip time between the proxy and every upstream, in milliseconds: opening an upstream connection costs one
   * RTT (the TCP handshake) and every chunk waits half of it in each direction. The proxy itself sits next to the
   * client, as a runner's proxy does. 0 (the default) relays at once.
   */
  rttMs?: number
}

/**
 * An HTTP CONNECT proxy on 127.0.0.1 that is the only resolver of the names it is given: a request to one of them
 * works only through the proxy, so nothing can reach the sandbox by name while bypassing it.
 */
export class ConnectProxy {
  /** `host:port` of every tunnel asked for, in order. */
  readonly tunnels: string[] = []
  private server: LoopbackServer | undefined
  private readonly rttMs: number

  constructor(
    private readonly names: ReadonlyMap<string, Upstream>,
    options: ConnectProxyOptions = {}
  ) {
    this.rttMs = options.rttMs ?? 0
  }

  get url(): string {
    return `http://127.0.0.1:${this.server?.port ?? 0}`
  }

  /** Tunnels opened to one host name. */
  tunnelsTo(host: string): number {
    return this.tunnels.filter((t) => t.split(':')[0] === host).length
  }

  async start(): Promise<void> {
    const server = createServer((_req, res) => {
      res.writeHead(405).end('CONNECT only')
    })
    server.on('connect', (req, client: Socket, head: Buffer) => {
      const target = req.url ?? ''
      this.tunnels.push(target)
      const [host, port] = target.split(':')
      const upstreamOf = this.names.get(host)
      if (!upstreamOf) {
        client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
        return
      }
      let upstream: Socket | undefined
      client.on('error', () => upstream?.destroy())
      const open = (): void => {
        // No Nagle: a small write held back for an ACK would add the peer's delayed-ACK time to the modelled RTT.
        client.setNoDelay(true)
        upstream = connect({ port: upstreamOf.port ?? Number(port), host: upstreamOf.address, noDelay: true }, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
          this.relay(client, upstream!, head)
          this.relay(upstream!, client)
        })
        this.server?.track(upstream)
        upstream.on('error', () => client.destroy())
      }
      if (this.rttMs > 0) this.later(this.rttMs, client, open)
      else open()
    })
    this.server = new LoopbackServer(server)
    await this.server.listen()
  }

  async stop(): Promise<void> {
    await this.server?.close()
  }

  /** Copies from → to, each chunk (and the end) half an RTT later; order is kept since every delay is the same. */
  private relay(from: Socket, to: Socket, head?: Buffer): void {
    if (this.rttMs === 0) {
      if (head?.length) to.write(head)
      from.pipe(to)
      return
    }
    const half = this.rttMs / 2
    if (head?.length) this.later(half, to, () => to.write(head))
    from.on('data', (chunk: Buffer) => this.later(half, to, () => to.write(chunk)))
    from.on('close', () => this.later(half, to, () => to.end()))
  }

  private later(ms: number, socket: Socket, action: () => void): void {
    setTimeout(() => {
      if (!socket.destroyed) action()
    }, ms)
  }
}
