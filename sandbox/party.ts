import { createServer as createHttpServer } from 'node:http'
import { createServer } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LoopbackServer } from './loopback-server.js'
import type { SandboxTls } from './tls.js'

/** A scripted misbehaviour for the next request a party receives. */
export type Fault =
  | { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'headers'; headers: Record<string, string> }
  /** The request is handled (its effects happen) but the connection drops before the answer is sent. */
  | { kind: 'lost-answer' }

export interface RecordedRequest {
  method: string
  /** Path and query, as received. */
  url: string
  headers: Record<string, string | string[] | undefined>
  body: string
  /** Milliseconds since the epoch when the request was complete. */
  at: number
  /** The host the client asked for (differs from 127.0.0.1 when reached through a proxy by name). */
  host: string
}

export interface Reply {
  status: number
  headers?: Record<string, string>
  body?: string
}

export type Handler = (request: RecordedRequest) => Reply

/** One of the three services: an HTTPS server on 127.0.0.1 that records requests and plays scripted faults. */
export class Party {
  readonly requests: RecordedRequest[] = []
  /** Faults applied to the next requests, first in first out. */
  readonly faults: Fault[] = []
  private server: LoopbackServer | undefined
  private plain: LoopbackServer | undefined

  constructor(
    readonly name: string,
    private readonly handler: Handler
  ) {}

  get port(): number {
    return this.server?.port ?? 0
  }

  /** Connections accepted since start. */
  get connections(): number {
    return this.server?.accepted ?? 0
  }

  /** `https://127.0.0.1:port`, or with another host name that resolves to it (through the test proxy). */
  url(host = '127.0.0.1'): string {
    return `https://${host}:${this.port}`
  }

  async start(tls: SandboxTls): Promise<void> {
    const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => this.serve(req, res))
    // Longer than Node's 1 s keep-alive safety margin, so clients can reuse connections as they do with Entra.
    server.keepAliveTimeout = 5000
    this.server = new LoopbackServer(server)
    await this.server.listen()
  }

  /** The same service over plain http as well (a self-hosted runner's token service may be http). */
  async startPlainHttp(): Promise<string> {
    this.plain = new LoopbackServer(createHttpServer((req, res) => this.serve(req, res)))
    return `http://127.0.0.1:${await this.plain.listen()}`
  }

  async stop(): Promise<void> {
    await Promise.all([this.server?.close(), this.plain?.close()])
  }

  reset(): void {
    this.requests.length = 0
    this.faults.length = 0
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        host: (req.headers.host ?? '').replace(/:\d+$/, '')
      }
      this.requests.push(recorded)
      const fault = this.faults.shift()
      if (fault?.kind === 'reset') {
        req.socket.destroy()
        return
      }
      if (fault?.kind === 'hang') return
      if (fault?.kind === 'lost-answer') {
        this.handler(recorded)
        req.socket.destroy()
        return
      }
      const reply: Reply =
        fault?.kind === 'status'
          ? {
              status: fault.status,
              headers: { ...(fault.contentType ? { 'content-type': fault.contentType } : {}), ...fault.headers },
              body: fault.body ?? ''
            }
          : this.handler(recorded)
      const extra = fault?.kind === 'headers' ? fault.headers : {}
      res.writeHead(reply.status, { ...reply.headers, ...extra })
      res.end(reply.body ?? '')
    })
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body)
  }
}
