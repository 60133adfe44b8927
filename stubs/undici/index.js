// @actions/http-client imports ProxyAgent for getAgentDispatcher(), which this action never calls: it proxies with
// http-client's getAgent() (tunnel). Failing loudly keeps an accidental use from passing unnoticed.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled with this action: use HttpClient.getAgent(), not getAgentDispatcher()')
  }
}
