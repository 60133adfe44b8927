import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { LoopbackServer } from '../../sandbox/loopback-server.js'
import { sendHttp } from '../../src/http.js'
import { TransportError } from '../../src/transport-error.js'

/** The action's HTTP sender against a real server on 127.0.0.1 (plain http: the runner's token URL may be http). */
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end()
const server = new LoopbackServer(createServer((req, res) => handler(req, res)))
const url = (path = '/'): string => `http://127.0.0.1:${server.port}${path}`

beforeAll(async () => {
  await server.listen()
})
afterAll(async () => {
  await server.close()
})

describe('sendHttp', () => {
  it('sends method, headers and body, and returns status, lower-case headers and body', async () => {
    let received = ''
    handler = (req, res) => {
      req.on('data', (chunk: Buffer) => (received += chunk.toString()))
      req.on('end', () => {
        res.writeHead(201, { 'Request-Id': 'r-1', 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'] }))
      })
    }
    const response = await sendHttp({
      method: 'POST',
      url: url('/x'),
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
      timeoutMs: 2000
    })
    expect(received).toBe('{"a":1}')
    expect(response.status).toBe(201)
    expect(response.headers['request-id']).toBe('r-1')
    expect(JSON.parse(response.body)).toEqual({ method: 'POST', type: 'application/json' })
  })

  it('gives up after timeoutMs in total, even while the body trickles in', async () => {
    handler = (_req, res) => {
      res.writeHead(200)
      const tick = setInterval(() => res.write('.'), 100)
      res.on('close', () => clearInterval(tick))
    }
    const error = await sendHttp({ method: 'GET', url: url(), headers: {}, timeoutMs: 500 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/within 0\.5 s/) })
  })

  it('reports a connection closed before the response ended, as not an unreadable answer', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'content-length': '100' })
      res.write('partial')
      setTimeout(() => req.socket.destroy(), 20)
    }
    const error = await sendHttp({ method: 'GET', url: url(), headers: {}, timeoutMs: 2000 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'network', answerUnreadable: false })
  })

  it.each([
    [
      'headers over the parser’s limit',
      (res: ServerResponse) => res.writeHead(204, { 'x-padding': 'a'.repeat(60 * 1024) }).end()
    ],
    ['a malformed status line', (res: ServerResponse) => res.socket?.end('HTTP/1.1 2x4 Nope\r\n\r\n')]
  ])('reports an answer it could not read (%s) as sent, and unreadable', async (_name, answer) => {
    handler = (_req, res) => answer(res)
    const error = await sendHttp({ method: 'POST', url: url(), headers: {}, body: '{}', timeoutMs: 2000 }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(TransportError)
    expect(error).toMatchObject({ kind: 'network', notSent: false, answerUnreadable: true })
    expect((error as Error).message).toMatch(/HPE_/)
  })

  it('reports a refused connection as a network error', async () => {
    const closed = new LoopbackServer(createServer())
    const port = await closed.listen()
    await closed.close()
    const error = await sendHttp({
      method: 'GET',
      url: `http://127.0.0.1:${port}/`,
      headers: {},
      timeoutMs: 2000
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'network', message: expect.stringMatching(/ECONNREFUSED/) })
  })

  it('stops when the caller’s signal aborts', async () => {
    handler = () => undefined
    const controller = new AbortController()
    const pending = sendHttp({ method: 'GET', url: url(), headers: {}, timeoutMs: 5000, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    await expect(pending).rejects.toMatchObject({ kind: 'timeout', message: expect.stringMatching(/cancelled/) })
  })

  it('keeps at most 1 MiB of a body', async () => {
    handler = (_req, res) => res.end('x'.repeat(3 * 1024 * 1024))
    const response = await sendHttp({ method: 'GET', url: url(), headers: {}, timeoutMs: 5000 })
    expect(response.body.length).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024)
  })

  it('tells the caller once the request has gone out', async () => {
    const events: string[] = []
    handler = (_req, res) => {
      events.push('server')
      res.end()
    }
    await sendHttp({ method: 'GET', url: url(), headers: {}, timeoutMs: 2000, onSent: () => events.push('sent') })
    expect(events).toEqual(['sent', 'server'])
  })
})

describe('sendHttp through an HTTPS_PROXY', () => {
  let connects: Array<{ target: string; auth: string | undefined }> = []
  let answer: (socket: Duplex) => void = () => undefined
  const proxyServer = createServer()
  proxyServer.on('connect', (req: IncomingMessage, socket: Duplex) => {
    connects.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] })
    answer(socket)
  })
  const proxy = new LoopbackServer(proxyServer)
  const saved = process.env.HTTPS_PROXY
  /** A GET through the proxy; what it was rejected with. */
  const failure = (url: string, timeoutMs = 2000): Promise<unknown> =>
    sendHttp({ method: 'GET', url, headers: {}, timeoutMs }).then(
      () => new Error('expected a failure'),
      (e: unknown) => e
    )

  beforeAll(async () => {
    await proxy.listen()
  })
  beforeEach(() => {
    connects = []
  })
  afterAll(async () => {
    if (saved === undefined) delete process.env.HTTPS_PROXY
    else process.env.HTTPS_PROXY = saved
    await proxy.close()
  })

  it('sends the proxy URL’s credentials and names the refusal of a tunnel', async () => {
    process.env.HTTPS_PROXY = `http://ops%40contoso:p%3Ass@127.0.0.1:${proxy.port}`
    answer = (socket) => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n')
    const error = await failure('https://login.example.test/x')
    expect(connects).toEqual([
      { target: 'login.example.test:443', auth: `Basic ${Buffer.from('ops@contoso:p:ss').toString('base64')}` }
    ])
    expect(error).toMatchObject({
      kind: 'network',
      message: 'request to login.example.test failed: the proxy refused the tunnel to login.example.test:443 (HTTP 407)'
    })
  })

  it('refuses a tunnel the proxy wrote into before the TLS handshake', async () => {
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.port}`
    answer = (socket) => socket.end('HTTP/1.1 200 Connection Established\r\n\r\nHTTP/1.1 200 OK\r\n\r\n')
    const error = await failure('https://graph.example.test/x')
    expect(error).toMatchObject({
      kind: 'network',
      message: expect.stringContaining('the proxy sent data before opening the tunnel to graph.example.test:443')
    })
  })

  it('gives up at the deadline when the proxy never answers CONNECT', async () => {
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.port}`
    answer = () => undefined
    const error = await failure('https://graph.example.test/x', 300)
    expect(connects.map((c) => c.target)).toEqual(['graph.example.test:443'])
    expect(error).toMatchObject({ kind: 'timeout' })
  })
})
