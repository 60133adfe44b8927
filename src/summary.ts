import type { ActionConfig } from './inputs.js'
import { jobRows, listingNote, type JobsListing } from './jobs.js'
import type { Check } from './rehearsal.js'
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
  /** The target's provisioning jobs, when they were read (dry-run, report-jobs). */
  jobs: JobsListing | undefined
  /** The dry-run's checks, in order; empty otherwise. */
  checks: Check[]
}

/** The job summary as Markdown: a heading with the result, then one table row per fact. */
export function renderSummary(report: RunReport): string {
  const { config } = report
  const succeeded = report.errorCode === ''
  const result = succeeded
    ? config?.dryRun
      ? '✅ dry run: every check passed or is not verifiable; nothing was written'
      : `✅ ${report.status} — Entra provisioning authorized`
    : `❌ ${report.errorCode}${report.status ? ` (${config?.dryRun ? 'jobs read: ' : ''}HTTP ${report.status})` : ''}`
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
  const sections = [`### Entra provisioning: acquireAccessToken\n\n| | |\n|---|---|\n${table}\n`]
  if (report.checks.length > 0) sections.push(checksSection(report.checks))
  if (report.jobs) sections.push(jobsSection(report.jobs))
  return sections.join('\n')
}

function checksSection(checks: readonly Check[]): string {
  const icon = { passed: '✅ passed', failed: '❌ failed', 'not verifiable': '➖ not verifiable' }
  // A failed check's cause and fixes are in the Error row above, once.
  const rows = checks.map(
    (check) => `| ${markdownText(check.name)} | ${icon[check.outcome]} | ${markdownText(check.detail)} |`
  )
  return `#### Rehearsal (dry-run): nothing was written\n\n| Check | Result | Detail |\n|---|---|---|\n${rows.join('\n')}\n`
}

function jobsSection(listing: JobsListing): string {
  const rows = jobRows(listing).map((row) => `| ${row.map((value) => markdownText(value)).join(' | ')} |`)
  const note = listingNote(listing)
  const body =
    rows.length > 0
      ? `| Job | Template | Status | Last run | Quarantine |\n|---|---|---|---|---|\n${rows.join('\n')}\n`
      : 'The target has no provisioning jobs.\n'
  return `#### Provisioning jobs\n\n${body}${note ? `\n${markdownText(note)}\n` : ''}`
}
