import type { Server } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A server on 127.0.0.1 with an ephemeral port that can be stopped at once: it tracks every socket (including a
 * hanging request's, or a proxy's upstream) so stop() does not wait for clients to let go.
 */
export class LoopbackServer {
  private readonly sockets = new Set<Socket>()
  port = 0
  /** Connections accepted so far: tells whether clients reuse them. */
  accepted = 0

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.accepted++
      this.track(socket)
    })
  }

  track(socket: Socket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
    return this.port
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()))
  }
}
