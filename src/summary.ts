import type { ActionConfig } from './inputs.js'
import { markdownText } from './sanitise.js'

/** What the run did, as the job summary and the outputs report it. Holds no secret by construction. */
export interface RunReport {
  config: ActionConfig | undefined
  endpoint: string
  status: string
  requestId: string
  clientRequestId: string
  attempts: number
  errorCode: string
  errorMessage: string
  durationMs: number
}

/** The job summary as Markdown: a heading with the result, then one table row per fact. */
export function renderSummary(report: RunReport): string {
  const { config } = report
  const succeeded = report.errorCode === ''
  const result = succeeded
    ? config?.dryRun
      ? '✅ dry run: inputs, GitHub OIDC and Entra token checked; Graph not called'
      : `✅ ${report.status} — Entra provisioning authorized`
    : `❌ ${report.errorCode}${report.status ? ` (HTTP ${report.status})` : ''}`
  const rows: Array<[string, string]> = [['Result', result]]
  if (config) {
    rows.push(
      ['Target', `${config.target.kind}/${config.target.id}`],
      ['Cloud', `${config.cloud.title} (${config.cloud.name})`],
      ['API version', config.apiVersion],
      ['Endpoint', report.endpoint],
      ['Credential keys', config.credentials.map((c) => c.key).join(', ') || '(none)']
    )
  }
  rows.push(
    ['request-id', report.requestId || '—'],
    ['client-request-id', report.clientRequestId],
    ['Graph attempts', String(report.attempts)],
    ['Duration', `${(report.durationMs / 1000).toFixed(1)} s`]
  )
  if (!succeeded) rows.push(['Error', report.errorMessage])
  // Every value, server text included, is shown as text: escaped and bounded by markdownText.
  const table = rows.map(([name, value]) => `| ${name} | ${markdownText(value)} |`).join('\n')
  return `### Entra provisioning: acquireAccessToken\n\n| | |\n|---|---|\n${table}\n`
}
