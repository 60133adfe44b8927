import * as http from 'node:http'
import * as https from 'node:https'
import { getProxyUrl, HttpClient } from '@actions/http-client'
import { ProxyTunnelAgent } from './proxy-tunnel.js'
import { TransportError } from './transport-error.js'

export { TransportError }

export interface HttpRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  /** Cancels the request (the caller gave up); reported as a timeout. */
  signal?: CancelSignal
  /** Called once the request is fully written to the connection: work can overlap the wait for the answer. */
  onSent?: () => void
}

/** The part of AbortSignal the sender uses (the Azure SDK passes its own AbortSignalLike). */
export interface CancelSignal {
  readonly aborted: boolean
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

export interface HttpResponse {
  status: number
  /** Lower-case header names, as Node gives them. */
  headers: Record<string, string | undefined>
  body: string
  /** Set when the body was longer than this many bytes: `body` holds only its start. */
  truncatedAt?: number
}

export type SendHttp = (request: HttpRequest) => Promise<HttpResponse>

/** Largest body kept: error bodies are small, and a misbehaving proxy must not fill memory. */
const MAX_BODY_BYTES = 1024 * 1024

// @actions/http-client picks the agent from HTTPS_PROXY / NO_PROXY (either case), as the runner's own tools do. One
// client per protocol: a client caches its first direct agent, an http one for an http URL, whatever comes next.
// Keep-alive lets Entra's metadata and token requests (and Graph retries) share a connection; idle keep-alive sockets
// are unref'd by Node, so they never hold the process open.
const agents = {
  'http:': new HttpClient('entra-provisioning-action', [], { keepAlive: true }),
  'https:': new HttpClient('entra-provisioning-action', [], { keepAlive: true })
}

/** One pooled tunnel agent per proxy URL (the proxy is read per request, as http-client does). */
const tunnels = new Map<string, ProxyTunnelAgent>()

/** HTTPS through a proxy (as http-client decides it) goes through a pooled tunnel; the rest through its agents. */
function agentFor(url: URL): http.Agent {
  const proxy = url.protocol === 'https:' ? getProxyUrl(url.href) : ''
  if (!proxy) return agents[url.protocol === 'http:' ? 'http:' : 'https:'].getAgent(url.href)
  let agent = tunnels.get(proxy)
  if (!agent) tunnels.set(proxy, (agent = new ProxyTunnelAgent(new URL(proxy))))
  return agent
}

/**
 * One HTTP(S) request with a deadline covering connection, proxy tunnel, TLS, headers and body. Node's https
 * is used directly so the deadline is total, not an idle-socket timeout.
 */
export const sendHttp: SendHttp = (request) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const url = new URL(request.url)
    // Entra and Graph are https by validation; the runner's token service URL is too, but a self-hosted or test
    // runner may serve it over plain http.
    const transport = url.protocol === 'http:' ? http : https
    const req = transport.request(url, {
      method: request.method,
      headers: {
        ...request.headers,
        ...(request.body !== undefined ? { 'content-length': Buffer.byteLength(request.body).toString() } : {})
      },
      agent: agentFor(url)
    })
    // Whether the request was fully written: a failure before that cannot have been processed by the server.
    let sent = false
    const fail = (error: Error): void => {
      clearTimeout(timer)
      request.signal?.removeEventListener('abort', onAbort)
      reject(
        error instanceof TransportError
          ? error
          : new TransportError('network', describeNetworkError(error, url), !sent, isParseError(error))
      )
    }
    // Settled here, not by the request's 'error': a request still waiting for a proxy tunnel has no socket to fail.
    const giveUp = (error: TransportError): void => {
      fail(error)
      req.destroy(error)
    }
    const timer = setTimeout(() => {
      giveUp(new TransportError('timeout', `no response from ${url.host} within ${request.timeoutMs / 1000} s`, !sent))
    }, request.timeoutMs)
    const onAbort = (): void => {
      giveUp(new TransportError('timeout', `request to ${url.host} was cancelled`, !sent))
    }
    request.signal?.addEventListener('abort', onAbort, { once: true })
    if (request.signal?.aborted) onAbort()
    req.on('error', fail)
    req.once('finish', () => {
      sent = true
      request.onSent?.()
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_BODY_BYTES) chunks.push(chunk)
      })
      res.on('error', fail)
      res.on('close', () => {
        if (!res.complete)
          fail(new TransportError('network', `connection to ${url.host} closed before the response ended`, !sent))
      })
      res.on('end', () => {
        clearTimeout(timer)
        request.signal?.removeEventListener('abort', onAbort)
        const headers: Record<string, string | undefined> = {}
        for (const [name, value] of Object.entries(res.headers)) {
          headers[name] = Array.isArray(value) ? value.join(', ') : value
        }
        resolve({
          status: res.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
          ...(size > MAX_BODY_BYTES ? { truncatedAt: MAX_BODY_BYTES } : {})
        })
      })
    })
    req.end(request.body)
  })

/** Node's HTTP parser (llhttp) names its errors HPE_…: bytes came back, but not as readable HTTP. */
function isParseError(error: Error): boolean {
  return String((error as NodeJS.ErrnoException).code ?? '').startsWith('HPE_')
}

function describeNetworkError(error: Error, url: URL): string {
  const code = (error as NodeJS.ErrnoException).code
  return `request to ${url.host} failed: ${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`
}
