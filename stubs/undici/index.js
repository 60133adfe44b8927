// @actions/http-client imports ProxyAgent for getAgentDispatcher(), which this action never calls: it proxies with
// http-client's getAgent() (tunnel). @actions/github (loaded only on failure paths, for the job's context) builds a
// proxy dispatcher and a fetch at import time but the action never sends through them. So constructing is harmless
// (importing @actions/github behind HTTPS_PROXY must not fail the step), and any actual use fails loudly.
const UNUSED = 'undici is not bundled with this action: use HttpClient.getAgent(), not a fetch dispatcher'

export class ProxyAgent {
  dispatch() {
    throw new Error(UNUSED)
  }
}

export function fetch() {
  return Promise.reject(new Error(UNUSED))
}
