import type { Runner } from './main.js'
import type { SecretRegistry } from './masking.js'
import { boundSummary, logText, MAX_LOG_MESSAGE_CHARS, outputValue } from './sanitise.js'

/**
 * The runner as the rest of the action sees it, holding the edge whatever a module forgets: every message, output
 * and summary is scrubbed of every registered secret (in every echoed form, before any cut, so no cut leaves part
 * of one), then made safe for where it goes. Log text keeps its lines, but none can start a workflow command
 * (`::…`, the legacy `##[…`, a lone CR the runner reads as a line end); controls are escaped; each message is at
 * most MAX_LOG_MESSAGE_CHARS, each output MAX_OUTPUT_CHARS, the summary MAX_SUMMARY_BYTES.
 */
export function guardRunner(runner: Runner, secrets: SecretRegistry): Runner {
  const log = (message: string): string => logText(secrets.redact(message), MAX_LOG_MESSAGE_CHARS)
  return {
    getInput: (name) => runner.getInput(name),
    setSecret: (secret) => secrets.add(secret),
    setOutput: (name, value) => runner.setOutput(name, outputValue(secrets.redact(value))),
    info: (message) => runner.info(log(message)),
    debug: (message) => runner.debug(log(message)),
    warning: (message) => runner.warning(log(message)),
    setFailed: (message) => runner.setFailed(log(message)),
    writeSummary: (markdown) => runner.writeSummary(boundSummary(secrets.redact(markdown)))
  }
}
