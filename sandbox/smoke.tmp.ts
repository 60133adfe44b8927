import { Sandbox } from './sandbox.js'
import { runStep } from './actions-runner.js'
const sb = await Sandbox.start()
const show = async (label: string, inputs: Record<string, string>, env: Record<string, string | undefined> = {}) => {
  const run = await runStep({ inputs: { ...sb.inputs(), ...inputs }, env: { ...sb.runnerEnv(), ...env } })
  console.log('=== ' + label, run.exitCode)
  console.log(run.log.lines.filter((l) => !l.startsWith('::add-mask')).join('\n'))
  console.log(run.stderr, JSON.stringify(run.outputs['error-code']))
  sb.reset()
}
sb.github.settings.subject = 'repo:contoso/release-tools:ref:refs/heads/main'
await show('subject', {})
sb.github.settings.subject = 'repo:Contoso/release-tools:environment:production'
await show('case', {})
await show('tenant', { 'tenant-id': 'fabrikam.onmicrosoft.com' })
await show('client', { 'client-id': '00000000-0000-0000-0000-000000000001' })
sb.github.settings.clockOffsetSeconds = -3600
await show('expired', {})
await show('audience', { audience: 'api://Other' })
await show('404', { 'service-principal-id': '00000000-0000-0000-0000-000000000001' })
sb.graph.party.faults.push({
  kind: 'status',
  status: 500,
  contentType: 'text/html',
  body: '<html><body><h1>Oops</h1></body></html>'
})
await show('html', { 'max-attempts': '1' })
await show('noenv', {}, { ACTIONS_ID_TOKEN_REQUEST_URL: undefined })
await show('bad', {
  'tenant-id': 'x',
  credentials: 'Oauth2ClientSecrt=hunter2secret\nnoequals-secret',
  cloud: 'mars',
  'timeout-seconds': '0'
})
sb.directory.apps[0].graphRoles = []
await show('role', {})
await sb.stop()
