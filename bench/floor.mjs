// The floor: the least work that does the action's job. Zero dependencies, no validation, no retries, no masking
// beyond what is needed: one GET to the GitHub OIDC token service, one POST to Entra's token endpoint, one POST to
// Graph, each on a connection of its own (three hosts), through HTTPS_PROXY's CONNECT tunnel when it is set. It
// reads the same INPUT_* variables the action gets, with the endpoints given explicitly (it knows no cloud table).
import { request as httpRequest } from 'node:http'
import { request } from 'node:https'
import { connect } from 'node:tls'
import { URLSearchParams } from 'node:url'

const input = (name) => process.env[`INPUT_${name.toUpperCase()}`] ?? ''
const proxy = process.env.HTTPS_PROXY ? new URL(process.env.HTTPS_PROXY) : undefined

function tunnel(url) {
  return new Promise((resolve, reject) => {
    const target = `${url.hostname}:${url.port || 443}`
    httpRequest({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: target, headers: { host: target } })
      .on('connect', (res, socket) =>
        res.statusCode === 200 ? resolve(socket) : reject(new Error(`CONNECT ${target}: ${res.statusCode}`))
      )
      .on('error', reject)
      .end()
  })
}

async function send(method, url, headers, body) {
  const target = new URL(url)
  const socket = proxy ? await tunnel(target) : undefined
  return new Promise((resolve, reject) => {
    const options = { method, headers }
    // Without an agent Node would take port 80 as the default, and put it in the Host header.
    if (socket)
      Object.assign(options, {
        defaultPort: 443,
        createConnection: () => connect({ socket, servername: target.hostname })
      })
    const req = request(target, options, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const audience = input('audience') || 'api://AzureADTokenExchange'
const oidc = await send('GET', `${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`, {
  authorization: `Bearer ${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`
})
const assertion = JSON.parse(oidc.text).value
const form = new URLSearchParams({
  client_id: input('client-id'),
  scope: `${input('graph-endpoint')}/.default`,
  grant_type: 'client_credentials',
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: assertion
}).toString()
const token = await send(
  'POST',
  `${input('authority-host')}/${input('tenant-id')}/oauth2/v2.0/token`,
  { 'content-type': 'application/x-www-form-urlencoded' },
  form
)
const accessToken = JSON.parse(token.text).access_token
const credentials = input('credentials')
  .split('\n')
  .filter((line) => line.includes('='))
  .map((line) => ({ key: line.slice(0, line.indexOf('=')).trim(), value: line.slice(line.indexOf('=') + 1).trim() }))
const graph = await send(
  'POST',
  `${input('graph-endpoint')}/v1.0/servicePrincipals/${input('service-principal-id')}/synchronization/acquireAccessToken`,
  { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
  JSON.stringify({ credentials })
)
process.exitCode = graph.status === 204 ? 0 : 1
