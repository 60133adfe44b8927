import { createServer } from 'node:http'
import { connect, type Socket } from 'node:net'
import { LoopbackServer } from './loopback-server.js'

/**
 * An HTTP CONNECT proxy on 127.0.0.1 that is the only resolver of the names it is given: a request to one of them
 * works only through the proxy, so nothing can reach the sandbox by name while bypassing it.
 */
export class ConnectProxy {
  /** `host:port` of every tunnel asked for, in order. */
  readonly tunnels: string[] = []
  private server: LoopbackServer | undefined

  constructor(private readonly names: ReadonlyMap<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.server?.port ?? 0}`
  }

  async start(): Promise<void> {
    const server = createServer((_req, res) => {
      res.writeHead(405).end('CONNECT only')
    })
    server.on('connect', (req, client: Socket, head: Buffer) => {
      const target = req.url ?? ''
      this.tunnels.push(target)
      const [host, port] = target.split(':')
      const address = this.names.get(host)
      if (!address) {
        client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
        return
      }
      const upstream = connect(Number(port), address, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      this.server?.track(upstream)
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
    this.server = new LoopbackServer(server)
    await this.server.listen()
  }

  async stop(): Promise<void> {
    await this.server?.close()
  }
}
